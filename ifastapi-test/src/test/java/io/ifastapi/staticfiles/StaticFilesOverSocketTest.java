package io.ifastapi.staticfiles;

import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StaticFilesTest}'s files and escapes over a real socket, served by the adapter of the subclass (each adapter
 * module has one): the request targets go out byte for byte, as no HTTP client library would send them.
 */
public abstract class StaticFilesOverSocketTest extends StaticFilesTest {

    /** The adapter under test. */
    protected abstract ServerFactory serverFactory();

    /** The bytes go out as written (no client normalises them); the adapter may refuse some first, with 400. */
    @Test
    void everyEscapeIsRefusedOverARealSocket() throws IOException {
        Server server = app(StaticFiles.directory(site)).server(serverFactory()).start(ServerConfig.defaults().port(0));
        try {
            assertThat(raw(server.port(), "/static/hello.txt")).startsWith("HTTP/1.1 200").contains(HELLO);
            for (String escape : ESCAPES) {
                String response = raw(server.port(), escape);
                assertThat(response).as(escape).matches("(?s)HTTP/1\\.1 (404|400) .*");
                assertThat(response).as(escape).doesNotContain("the-secret");
            }
        } finally {
            server.stop();
        }
    }

    /** One request as raw bytes over a socket, answered with Connection: close; the whole answer as text. */
    private static String raw(int port, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
