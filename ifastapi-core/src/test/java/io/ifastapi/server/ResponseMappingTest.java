package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** How a {@link Response} goes on the wire: status, headers, framing, streaming, HEAD, failures. */
public abstract class ResponseMappingTest extends ServerTestBase {

    @Test
    void statusRepeatedHeadersAndOneContentLength() throws Exception {
        app.get("/cookies", request -> Response.text("hi", 201)
                .setCookie("a", "1").setCookie("b", "2").header("X-Custom", "v"));
        app.get("/explicit-length", request -> Response.bytes(new byte[]{1, 2, 3}, null, 200)
                .header("Content-Length", "3"));
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /cookies HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("hi");
            assertThat(response.headers("set-cookie")).hasSize(2)
                    .anySatisfy(c -> assertThat(c).startsWith("a=1"))
                    .anySatisfy(c -> assertThat(c).startsWith("b=2"));
            assertThat(response.header("x-custom")).isEqualTo("v");
            assertThat(response.headers("content-length")).containsExactly("2");
            assertThat(response.header("transfer-encoding")).isNull();
            assertThat(response.header("content-type")).startsWith("text/plain");
            assertThat(response.headers("date")).hasSize(1); // from Jetty's cache
            assertThat(response.header("server")).isNull();
            assertThat(response.header("x-powered-by")).isNull();

            raw.send("GET /explicit-length HTTP/1.1\r\nHost: x\r\n\r\n");
            response = raw.read();
            assertThat(response.headers("content-length")).containsExactly("3");
            assertThat(response.body()).containsExactly(1, 2, 3);
        }
    }

    /**
     * Header values of every length arrive byte for byte, each character as its ISO-8859-1 byte: the Netty adapter
     * hands long ones (a 4 KB session cookie) to its encoder as bytes and short ones as strings.
     */
    @Test
    void shortAndLongHeaderValuesArriveIntact() throws Exception {
        String cookie = "x".repeat(4000);
        String boundary = "b".repeat(64);
        String accented = "caf\u00e9 ".repeat(20).trim();
        app.get("/long", request -> Response.text("ok")
                .header("X-Short", "caf\u00e9").header("X-Boundary", boundary).header("X-Under", boundary.substring(1))
                .header("X-Accented", accented).setCookie("session", cookie));
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /long HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.header("x-short")).isEqualTo("caf\u00e9");
            assertThat(response.header("x-boundary")).isEqualTo(boundary);
            assertThat(response.header("x-under")).isEqualTo(boundary.substring(1));
            assertThat(response.header("x-accented")).isEqualTo(accented);
            assertThat(response.header("set-cookie")).startsWith("session=" + cookie + ";");
        }
    }

    @Test
    void streamingBodyIsSentChunkedAsItIsFlushed() throws Exception {
        CountDownLatch clientHasSecond = new CountDownLatch(1);
        AtomicBoolean lastWritten = new AtomicBoolean();
        app.get("/stream", request -> Response.stream("text/plain", out -> {
            out.write("first".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write("second".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                if (!clientHasSecond.await(5, TimeUnit.SECONDS)) {
                    throw new IOException("the client never got the flushed chunks");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            lastWritten.set(true);
            out.write("third".getBytes(StandardCharsets.UTF_8));
        }));
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String headers = "";
            for (String line; !(line = raw.readLine()).isEmpty(); ) {
                headers += line.toLowerCase() + "\n";
            }
            assertThat(headers).contains("transfer-encoding: chunked").doesNotContain("content-length");
            assertThat(raw.readChunk()).isEqualTo("first");
            assertThat(raw.readChunk()).isEqualTo("second");
            assertThat(lastWritten).isFalse(); // we have both chunks while the handler is still running
            clientHasSecond.countDown();
            assertThat(raw.readChunk()).isEqualTo("third");
            assertThat(raw.readChunk()).isEmpty(); // the terminating chunk
            assertThat(raw.readLine()).isEmpty(); // no trailers
            raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"); // the connection is still usable
            assertThat(raw.read().text()).isEqualTo("firstsecondthird");
        }
    }

    @Test
    void smallStreamingBodyThatFitsTheBufferGetsAContentLength() throws Exception {
        app.get("/small", request -> Response.stream("text/plain", out -> out.write("tiny".getBytes())));
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.headers("content-length")).containsExactly("4");
            assertThat(response.text()).isEqualTo("tiny");
        }
    }

    @Test
    void fileResponseAndItsHead(@TempDir Path dir) throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        app.get("/file", request -> Response.file(file));
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers("content-length")).containsExactly("300000");
            assertThat(response.header("transfer-encoding")).isNull();
            assertThat(response.header("etag")).isNotNull();
            assertThat(response.body()).isEqualTo(content);

            raw.send("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\nGET /file HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = raw.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers("content-length")).containsExactly("300000");
            // No body was sent: the next bytes are the pipelined GET's response.
            assertThat(raw.read().body()).isEqualTo(content);
        }
    }

    @Test
    void headKeepsTheContentLengthAndSendsNoBody() throws Exception {
        app.get("/json", request -> Map.of("hello", "world"));
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /json HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response get = raw.read();
            raw.send("HEAD /json HTTP/1.1\r\nHost: x\r\n\r\nGET /json HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = raw.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers("content-length")).containsExactly(String.valueOf(get.body().length));
            assertThat(head.header("content-type")).isEqualTo(get.header("content-type"));
            assertThat(raw.read().text()).isEqualTo("{\"hello\":\"world\"}");
        }
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        app.delete("/thing", request -> Response.empty(204));
        app.get("/cached", request -> Response.empty(304).header("ETag", "\"v1\""));
        start();
        try (RawHttp raw = raw()) {
            raw.send("DELETE /thing HTTP/1.1\r\nHost: x\r\n\r\nGET /cached HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "DELETE /thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawHttp.Response noContent = raw.read();
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.header("content-length")).isNull(); // RFC 9110: not in a 204
            assertThat(noContent.header("transfer-encoding")).isNull();
            RawHttp.Response notModified = raw.read();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("etag")).isEqualTo("\"v1\"");
            assertThat(notModified.header("transfer-encoding")).isNull();
            assertThat(raw.read().status()).isEqualTo(204); // framing held: no stray body bytes in between
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void exceptionMidStreamAbortsTheConnection() throws Exception {
        app.get("/broken", request -> Response.stream("text/plain", out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            out.flush();
            throw new IllegalStateException("boom (expected by the test)");
        }));
        app.get("/ok", request -> "ok");
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readLine()).isEqualTo("HTTP/1.1 200 OK");
            while (!raw.readLine().isEmpty()) {
                // headers
            }
            assertThat(raw.readChunk()).isEqualTo("partial");
            // No terminating chunk: the connection just ends, so the client knows the body is incomplete. At most the
            // CRLF that ends the chunk above comes first (Jetty sends it in front of the next chunk, Netty right after
            // the chunk's data).
            assertThat(raw.readUntilClosed()).isIn("", "\r\n");
        }
        assertThat(get("/ok").body()).isEqualTo("\"ok\"");
    }

    /**
     * A header name that is not an HTTP token (a space, a colon, a CR, a char beyond ASCII) would let an app split or
     * corrupt the response: it is a 500, every time (a refused name is not remembered as good), and a valid name
     * still goes out after it.
     */
    @Test
    void aResponseHeaderNameThatIsNotATokenIsA500() throws Exception {
        for (String name : new String[] {"X Bad", "X:Bad", "X-Bad\r\nX-Injected", "X-Caf\u00e9", "X-\u4e2d", ""}) {
            app.get("/bad/" + name.hashCode(), request -> Response.text("never").header(name, "v"));
        }
        app.get("/good", request -> Response.text("ok").header("X-Good", "v"));
        start();
        for (String name : new String[] {"X Bad", "X:Bad", "X-Bad\r\nX-Injected", "X-Caf\u00e9", "X-\u4e2d", ""}) {
            for (int attempt = 0; attempt < 2; attempt++) {
                var response = get("/bad/" + name.hashCode());
                assertThat(response.statusCode()).as("header name '%s'", name).isEqualTo(500);
                assertThat(response.headers().firstValue("x-injected")).isEmpty();
            }
        }
        var good = get("/good");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.headers().firstValue("x-good")).contains("v");
    }

    @Test
    void exceptionBeforeAnythingWasSentIsA500() throws Exception {
        app.get("/broken", request -> Response.stream("text/plain", out -> {
            out.write("buffered, never sent".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("secret internals (expected by the test)");
        }));
        start();
        var response = get("/broken");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Internal Server Error\"}").doesNotContain("secret");
        assertThat(get("/broken").statusCode()).isEqualTo(500); // and again: nothing is stuck
    }

    @Test
    void clientDisconnectingMidResponseEndsTheHandler() throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch handlerDone = new CountDownLatch(1);
        app.get("/endless", request -> Response.stream("application/octet-stream", out -> {
            byte[] block = new byte[16 * 1024];
            try {
                for (int i = 0; i < 100_000; i++) { // ~1.6 GB: only a gone client ends it within the test
                    out.write(block);
                    out.flush();
                    streaming.countDown();
                }
            } catch (IOException | RuntimeException e) {
                ended.set(e);
                throw e;
            } finally {
                handlerDone.countDown();
            }
        }));
        app.get("/ok", request -> "ok");
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readLine()).isEqualTo("HTTP/1.1 200 OK");
            raw.input().readNBytes(50_000);
            assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
        } // closes the socket mid-body
        assertThat(handlerDone.await(5, TimeUnit.SECONDS)).as("the handler's writes fail, it is not stuck").isTrue();
        assertThat(ended.get()).isInstanceOf(IOException.class);
        assertThat(get("/ok").statusCode()).isEqualTo(200);
    }
}
