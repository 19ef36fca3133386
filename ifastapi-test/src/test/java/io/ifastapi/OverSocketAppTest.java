package io.ifastapi;

import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole {@link AppBehaviourSuite} over a real socket: the app served on 127.0.0.1 by the adapter of the
 * subclass (each adapter module has one), the requests sent by java.net.http. Plus raw request lines no HTTP
 * library would send.
 */
public abstract class OverSocketAppTest extends AppBehaviourSuite {
    @Override
    protected TestClient.Builder builder(IFastAPI app) {
        return TestClient.builder(app).overNetwork();
    }

    @Test
    void rawTargetsWithBadEscapesAreNotServerErrors() throws IOException {
        var app = new IFastAPI();
        app.get("/items/{name}", request -> request.pathParam("name"));
        app.get("/query", request -> request.queryParams().toSingleValueMap());
        TestClient client = lenientClient(app);

        for (String target : new String[]{"/items/%zz", "/items/%", "/query?q=%zz&r=%"}) {
            String statusLine = rawStatusLine(client, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(statusLine).as(target).matches("HTTP/1\\.1 [234]\\d\\d .*");
        }
    }

    @Test
    void theAppDoesNotSeeTheClientsBookkeepingHeader() {
        var app = new IFastAPI();
        app.get("/names", request -> request.headers().names());

        assertThat(client(app).get("/names").json(java.util.List.class))
                .contains("User-Agent").noneMatch(name -> name.toString().toLowerCase().contains("testclient"));
    }

    private static String rawStatusLine(TestClient client, String request) throws IOException {
        try (Socket socket = new Socket(client.baseUrl().host(), client.baseUrl().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
