package io.ifastapi.server;

import io.ifastapi.http.HTTPException;
import io.ifastapi.json.Json;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How a request on the wire becomes an {@link Request}: line, Host, headers, peer, body. */
public abstract class RequestMappingTest extends ServerTestBase {
    private static final int MiB = 1024 * 1024;

    private void echoRequests() {
        app.middleware((request, next) -> {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("method", request.method());
            seen.put("scheme", request.url().scheme());
            seen.put("host", request.url().host());
            seen.put("port", request.url().port());
            seen.put("origin", request.url().origin());
            seen.put("rawPath", request.url().path());
            seen.put("path", request.path());
            seen.put("query", request.url().query());
            seen.put("q", request.queryParams().getAll("q"));
            seen.put("multi", request.headers().getAll("x-multi"));
            seen.put("client", request.client().host() + ":" + request.client().port());
            seen.put("body", request.text());
            return Response.json(seen);
        });
        start();
    }

    private Map<?, ?> send(RawHttp raw, String request) throws Exception {
        raw.send(request);
        RawHttp.Response response = raw.read();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return Json.read(response.text(), Map.class);
    }

    @Test
    void requestLineQueryAndHeaders() throws Exception {
        echoRequests();
        try (RawHttp raw = raw()) {
            Map<?, ?> seen = send(raw, "PATCH /items/a%20b%2Fc?q=x%20y&q=2&flag HTTP/1.1\r\nHost: example.com:8080\r\n"
                    + "X-Multi: a\r\nx-multi: b, c\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(seen.get("method")).isEqualTo("PATCH");
            assertThat(seen.get("rawPath")).isEqualTo("/items/a%20b%2Fc");
            assertThat(seen.get("path")).isEqualTo("/items/a b/c");
            assertThat(seen.get("query")).isEqualTo("q=x%20y&q=2&flag");
            assertThat(seen.get("q")).isEqualTo(List.of("x y", "2"));
            assertThat(seen.get("multi")).isEqualTo(List.of("a", "b, c")); // repeated lines stay apart
            assertThat(seen.get("scheme")).isEqualTo("http");
            assertThat(seen.get("host")).isEqualTo("example.com");
            assertThat(seen.get("port")).isEqualTo(8080);
            assertThat(seen.get("origin")).isEqualTo("http://example.com:8080");
            assertThat(seen.get("body")).isEqualTo("hello");
        }
    }

    @Test
    void hostWithoutPortMeansTheSchemesDefault() throws Exception {
        echoRequests();
        try (RawHttp raw = raw()) {
            Map<?, ?> seen = send(raw, "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertThat(seen.get("host")).isEqualTo("example.com");
            assertThat(seen.get("origin")).isEqualTo("http://example.com");
            assertThat(seen.get("query")).isNull();

            seen = send(raw, "GET / HTTP/1.1\r\nHost: [::1]:9000\r\n\r\n");
            assertThat(seen.get("origin")).isEqualTo("http://[::1]:9000");
            assertThat(seen.get("port")).isEqualTo(9000);
        }
    }

    @Test
    void clientAddressIsThePeer() throws Exception {
        echoRequests();
        try (RawHttp raw = raw()) {
            Map<?, ?> seen = send(raw, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(seen.get("client")).isEqualTo("127.0.0.1:" + raw.localPort());
        }
    }

    private void digestRoute() {
        app.maxBodySize(10 * MiB);
        app.post("/digest", request -> {
            byte[] body = request.body();
            return Map.of("length", body.length, "sha256", sha256(body));
        });
        start();
    }

    @Test
    void largeBodyArrivesIntactWithContentLengthAndChunked() throws Exception {
        digestRoute();
        byte[] body = new byte[5 * MiB];
        new Random(42).nextBytes(body);
        Map<String, Object> expected = Map.of("length", body.length, "sha256", sha256(body));

        var fixed = client.send(request("/digest").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.read(fixed.body(), Map.class)).isEqualTo(expected);

        // A publisher of unknown length makes HttpClient send the body chunked, without Content-Length.
        var chunked = client.send(request("/digest").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.read(chunked.body(), Map.class)).isEqualTo(expected);
    }

    @Test
    void bodyOverTheLimitIs413ByContentLength() throws Exception {
        digestRoute();
        try (RawHttp raw = raw()) {
            // Announced too large: refused before a byte of the body is read, so we need not send it.
            raw.send("POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: " + (11 * MiB) + "\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("larger than the limit");
        }
        assertThat(get("/digest").statusCode()).isEqualTo(405); // and the server is fine
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        digestRoute();
        try (RawHttp raw = raw()) {
            raw.send("POST /digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            String size = Integer.toHexString(chunk.length) + "\r\n";
            // Send chunks from another thread until the server stops reading; it answers after 10 MiB.
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    for (int sent = 0; sent < 12 * MiB; sent += chunk.length) {
                        raw.send(size).send(chunk).send("\r\n");
                    }
                    raw.send("0\r\n\r\n");
                } catch (Exception serverClosedTheConnection) {
                    // expected once the server has answered 413
                }
            });
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).contains("larger than the limit");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            raw.close();
            sender.join(5_000);
        }
        assertThat(get("/digest").statusCode()).isEqualTo(405);
    }

    @Test
    void expect100ContinueGetsAnInterimResponseWhenTheAppReadsTheBody() throws Exception {
        app.maxBodySize(1000);
        app.post("/echo", request -> Response.text(request.text()));
        start();
        try (RawHttp raw = raw()) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertThat(raw.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(raw.readLine()).isEmpty();
            raw.send("hello");
            assertThat(raw.read().text()).isEqualTo("hello");

            // Too large: answered at once, no 100 Continue, and the body need never be sent.
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(413);
        }
    }

    @Test
    void clientDisconnectingMidBodyIsAClientErrorNotAStuckThread() throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        app.post("/upload", request -> {
            try {
                return Response.text("got " + request.body().length);
            } catch (HTTPException e) {
                seen.complete(e.status());
                throw e;
            }
        });
        app.get("/ok", request -> "ok");
        start();
        try (RawHttp raw = raw()) {
            raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a few bytes");
            Thread.sleep(100);
        } // gone
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(400);
        assertThat(get("/ok").statusCode()).isEqualTo(200);
    }

    @Test
    void stalledBodyIs408AfterTheIdleTimeout() throws Exception {
        app.post("/upload", request -> Response.text("got " + request.body().length));
        server = app.start(ServerConfig.defaults().port(0).idleTimeout(Duration.ofMillis(300)));
        try (RawHttp raw = raw()) {
            raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a few bytes");
            RawHttp.Response response = raw.read(); // and then we send nothing more
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).contains("Timed out waiting for the request body");
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
