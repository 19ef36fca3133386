package io.ifastapi.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fold detector finds a header line that starts with a space or a tab wherever the reads split the head, and
 * nothing in the request line, in a clean head or in the body after the empty line.
 */
class ObsFoldDetectorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "clean head, CRLF|GET / HTTP/1.1\\r\\nHost: a\\r\\nX: 1\\r\\n\\r\\n|false",
        "clean head, bare LF|GET / HTTP/1.1\\nHost: a\\nX: 1\\n\\n|false",
        "fold with a space|GET / HTTP/1.1\\r\\nHost: a\\r\\nX: 1\\r\\n 2\\r\\n\\r\\n|true",
        "fold with a tab|GET / HTTP/1.1\\r\\nX: 1\\r\\n\\t2\\r\\nHost: a\\r\\n\\r\\n|true",
        "fold after a CR|GET / HTTP/1.1\\r\\nX: 1\\r\\n\\r 2\\r\\n\\r\\n|true",
        "space in the request line only|GET /a%20b HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|false",
        "spaces inside values|GET / HTTP/1.1\\r\\nX: a b\\tc \\r\\nHost: a\\r\\n\\r\\n|false",
        "a body that starts with a space|POST / HTTP/1.1\\r\\nContent-Length: 7\\r\\n\\r\\n x\\r\\n y|false",
        "a long header|GET / HTTP/1.1\\r\\nCookie: session=eyJrZXkiOiAidmFsdWUifQ==.aW1K0g.abcdefghijklmnopqrstu\\r\\n\\r\\n|false",
    })
    void findsFoldsWhereverTheReadsSplit(String name, String head, boolean folded) {
        byte[] bytes = head.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")
                .getBytes(StandardCharsets.US_ASCII);
        for (int first = 0; first <= bytes.length; first++) {
            for (int second = first; second <= bytes.length; second++) {
                ObsFoldDetector detector = new ObsFoldDetector();
                ByteBuf buffer = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
                try {
                    detector.scan(buffer, 0, first);
                    detector.scan(buffer, first, second);
                    detector.scan(buffer, second, bytes.length);
                } finally {
                    buffer.release();
                }
                assertThat(detector.folded()).as("%s split at %d and %d", name, first, second).isEqualTo(folded);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "folded then clean|GET / HTTP/1.1\\r\\nX: 1\\r\\n 2\\r\\n\\r\\n|GET / HTTP/1.1\\r\\nX: 1\\r\\n\\r\\n",
    })
    void theNextRequestStartsClean(String name, String first, String second) {
        ObsFoldDetector detector = new ObsFoldDetector();
        scan(detector, first);
        assertThat(detector.folded()).isTrue();
        detector.nextRequest();
        scan(detector, second);
        assertThat(detector.folded()).isFalse();
    }

    private static void scan(ObsFoldDetector detector, String text) {
        byte[] bytes = text.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        detector.scan(buffer, 0, bytes.length);
    }
}
