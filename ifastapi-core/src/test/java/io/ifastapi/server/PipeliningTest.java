package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many pipelined requests in one write (as an HTTP load tool or an attacker sends them): every one is answered, in
 * order, on the same connection. The client writes on one thread and reads on another, as a pipelining client must:
 * the server reads no further while its answers are not being read (back-pressure), so writing everything before
 * reading anything would deadlock against any server with bounded memory.
 */
public abstract class PipeliningTest extends ServerTestBase {

    @BeforeEach
    void routes() {
        app.get("/n/{i}", request -> Response.text(request.pathParam("i", String.class)));
        start();
    }

    @Test
    @Timeout(60)
    void tenThousandRequestsInOneWriteAreAllAnsweredInOrder() throws Exception {
        assertAllAnsweredInOrder(10_000);
    }

    @Test
    void aThousandRequestsInOneWriteAreAllAnsweredInOrder() throws Exception {
        assertAllAnsweredInOrder(1_000);
    }

    private void assertAllAnsweredInOrder(int count) throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < count; i++) {
            requests.append("GET /n/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        byte[] all = requests.toString().getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(RawHttp.TIMEOUT_MS);
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(all); // one write call: the kernel splits it as it likes
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, task -> Thread.ofVirtual().start(task));
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            for (int i = 0; i < count; i++) {
                String statusLine = line(in);
                assertThat(statusLine).as("status of response " + i).isEqualTo("HTTP/1.1 200 OK");
                int length = -1;
                for (String header; !(header = line(in)).isEmpty(); ) {
                    if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                assertThat(new String(in.readNBytes(length), StandardCharsets.US_ASCII))
                        .as("response " + i + " answers request " + i).isEqualTo(String.valueOf(i));
            }
            written.join();
        }
        assertThat(get("/n/after").body()).isEqualTo("after");
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection closed after " + line);
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
