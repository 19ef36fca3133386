package io.ifastapi.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Response;
import io.ifastapi.http.StreamingBody;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starlette's tests/middleware/test_gzip.py, case by case, then our own cases (streaming, exclusions, bytes). */
class GZipMiddlewareTest {

    static TestClient client(Response response) {
        return client(new GZipMiddleware(), response);
    }

    static TestClient client(GZipMiddleware gzip, Response response) {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> response);
        app.addMiddleware(gzip);
        return new TestClient(app);
    }

    static TestResponse get(TestClient client, String acceptEncoding) {
        return client.request("GET", "/").header("accept-encoding", acceptEncoding).send();
    }

    /** Starlette's StreamingResponse of {@code count} pieces of {@code piece}. */
    static Response stream(String mediaType, String piece, int count) {
        return Response.stream(mediaType, out -> {
            for (int i = 0; i < count; i++) {
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
    }

    // test_gzip.py::test_gzip_responses
    @Test
    void gzipResponses() {
        try (var client = client(Response.text("x".repeat(4000)))) {
            var response = get(client, "gzip");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("x".repeat(4000));
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(Integer.parseInt(response.header("Content-Length"))).isLessThan(4000);
        }
    }

    // test_gzip.py::test_gzip_not_in_accept_encoding
    @Test
    void gzipNotInAcceptEncoding() {
        try (var client = client(Response.text("x".repeat(4000)))) {
            var response = get(client, "identity");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("x".repeat(4000));
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(Integer.parseInt(response.header("Content-Length"))).isEqualTo(4000);
        }
    }

    // test_gzip.py::test_gzip_ignored_for_small_responses
    @Test
    void gzipIgnoredForSmallResponses() {
        try (var client = client(Response.text("OK"))) {
            var response = get(client, "gzip");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.headers().contains("Vary")).isFalse();
            assertThat(Integer.parseInt(response.header("Content-Length"))).isEqualTo(2);
        }
    }

    // test_gzip.py::test_gzip_streaming_response
    @Test
    void gzipStreamingResponse() {
        try (var client = client(stream(null, "x".repeat(400), 10))) {
            var response = get(client, "gzip");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("x".repeat(4000));
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(response.headers().contains("Content-Length")).isFalse();
        }
    }

    // test_gzip.py::test_gzip_streaming_response_identity
    @Test
    void gzipStreamingResponseIdentity() {
        try (var client = client(stream(null, "x".repeat(400), 10))) {
            var response = get(client, "identity");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("x".repeat(4000));
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(response.headers().contains("Content-Length")).isFalse();
        }
    }

    // test_gzip.py::test_gzip_ignored_for_responses_with_encoding_set
    @Test
    void gzipIgnoredForResponsesWithEncodingSet() {
        Response encoded = stream(null, "x".repeat(400), 10).header("Content-Encoding", "text");
        try (var client = client(encoded)) {
            var response = get(client, "gzip, text");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("x".repeat(4000));
            assertThat(response.header("Content-Encoding")).isEqualTo("text");
            assertThat(response.headers().contains("Vary")).isFalse();
            assertThat(response.headers().contains("Content-Length")).isFalse();
        }
    }

    // test_gzip.py::test_gzip_ignored_on_server_sent_events
    @Test
    void gzipIgnoredOnServerSentEvents() {
        try (var client = client(stream("text/event-stream", "x".repeat(400), 10))) {
            var response = get(client, "gzip");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("x".repeat(4000));
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.headers().contains("Content-Length")).isFalse();
        }
    }

    // test_gzip.py::test_gzip_ignored_for_pathsend_responses. iFastAPI has no ASGI pathsend; its file responses are
    // the counterpart: a small file (Content-Length known, under minimum_size) is sent untouched, as Starlette's
    // FileResponse sends it in one piece too small to compress.
    @Test
    void gzipIgnoredForSmallFileResponses(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("example.txt"), "<file content>");
        try (var client = client(Response.file(file))) {
            var response = get(client, "gzip, text");
            assertThat(response.text()).isEqualTo("<file content>");
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.headers().contains("Vary")).isFalse();
            assertThat(response.header("Content-Length")).isEqualTo("14");
        }
    }

    // ----- our own cases -----

    @Test
    void theBytesAreThoseOfPythonsZlibSoContentLengthMatchesStarlette() {
        // python3 -c "import zlib,base64; c=zlib.compressobj(9, zlib.DEFLATED, 31);
        //             print(base64.b64encode(c.compress(b'x'*4000)+c.flush()).decode())"
        byte[] python = Base64.getDecoder().decode("H4sIAAAAAAACA+3BMQEAAADCoNqLbwwfoAAAAIC3AUifuuygDwAA");
        try (var client = client(Response.text("x".repeat(4000)))) {
            var response = get(client, "gzip");
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(python.length));
        }
        assertThat(GzipOutputStream.compress("x".repeat(4000).getBytes(StandardCharsets.US_ASCII), 9)).isEqualTo(python);
    }

    @Test
    void aStreamIsCompressedAsItIsWrittenNotBuffered() throws Exception {
        List<String> seenAtEachFlush = new ArrayList<>();
        StreamingBody body = out -> {
            out.write("first piece ".repeat(50).getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write("second piece ".repeat(50).getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
        Response compressed = new GZipMiddleware().handle(request("gzip"), r -> Response.stream("text/plain", body));
        RecordingStream wire = new RecordingStream(seenAtEachFlush);
        compressed.writeBody(wire);
        // after the handler's first flush the client can already decode the first piece, and only it
        assertThat(seenAtEachFlush.get(0)).isEqualTo("first piece ".repeat(50));
        assertThat(seenAtEachFlush.get(1)).isEqualTo("first piece ".repeat(50) + "second piece ".repeat(50));
        assertThat(compressed.headers().get("content-encoding")).isEqualTo("gzip");
    }

    @Test
    void aReusedDeflaterGivesTheSameBytesAlsoAfterABodyThatFailed() throws Exception {
        GZipMiddleware gzip = new GZipMiddleware();
        byte[] expected = GzipOutputStream.compress("x".repeat(4000).getBytes(StandardCharsets.US_ASCII), 9);
        for (int i = 0; i < 3; i++) {
            Response failing = gzip.handle(request("gzip"), r -> Response.stream("text/plain", out -> {
                out.write("partial".repeat(100).getBytes(StandardCharsets.US_ASCII));
                throw new IOException("the client went away");
            }));
            assertThatThrownBy(() -> failing.writeBody(new ByteArrayOutputStream())).hasMessage("the client went away");
            Response ok = gzip.handle(request("gzip"), r -> Response.text("x".repeat(4000)));
            assertThat(ok.body()).isEqualTo(expected);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            gzip.handle(request("gzip"), r -> stream("text/plain", "x".repeat(4000), 1)).writeBody(streamed);
            assertThat(new String(new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(streamed.toByteArray())).readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("x".repeat(4000));
        }
    }

    @Test
    void partialContentAndExcludedMediaTypesAreLeftAlone() {
        try (var client = client(Response.bytes(new byte[4000], "image/png", 200))) {
            var response = get(client, "gzip");
            assertThat(response.headers().contains("Content-Encoding")).isFalse();
            assertThat(response.headers().contains("Vary")).isFalse();
        }
        try (var client = client(Response.bytes(new byte[4000], "Audio/OGG; codecs=opus", 200))) {
            assertThat(get(client, "gzip").headers().contains("Content-Encoding")).isFalse(); // audio/* wildcard
        }
        try (var client = client(Response.text("x".repeat(4000)).status(206))) {
            assertThat(get(client, "gzip").headers().contains("Content-Encoding")).isFalse();
        }
        GZipMiddleware custom = GZipMiddleware.builder().excludeContentTypes("text/plain").build();
        try (var client = client(custom, Response.text("x".repeat(4000)))) {
            assertThat(get(client, "gzip").headers().contains("Content-Encoding")).isFalse();
        }
        try (var client = client(custom, Response.bytes(new byte[4000], "image/png", 200))) {
            assertThat(get(client, "gzip").header("Content-Encoding")).isEqualTo("gzip"); // the list was replaced
        }
    }

    @Test
    void varyIsAppendedToTheAppsOwnAndMinimumSizeIsAnOption() {
        try (var client = client(GZipMiddleware.builder().minimumSize(10).build(),
                Response.text("y".repeat(20)).header("Vary", "Cookie"))) {
            var response = get(client, "deflate, gzip;q=0.5");
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(response.header("Vary")).isEqualTo("Cookie, Accept-Encoding");
            assertThat(response.text()).isEqualTo("y".repeat(20));
        }
    }

    @Test
    void badOptionsFailAtBuild() {
        assertThatThrownBy(() -> GZipMiddleware.builder().compressLevel(10).build())
                .hasMessageContaining("compressLevel must be 0..9");
        assertThatThrownBy(() -> GZipMiddleware.builder().minimumSize(-1).build())
                .hasMessageContaining("minimumSize");
    }

    private static ServerRequest request(String acceptEncoding) {
        return new ServerRequest("GET", new URL("http", "testserver", -1, "/", ""),
                Headers.of("accept-encoding", acceptEncoding), null, null);
    }

    /** Decodes what has reached the "client" at each flush, as a browser would while the stream goes on. */
    private static final class RecordingStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> decodedAtFlush;

        RecordingStream(List<String> decodedAtFlush) {
            this.decodedAtFlush = decodedAtFlush;
        }

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            byte[] sofar = bytes.toByteArray();
            if (sofar.length <= 10) {
                return;
            }
            Inflater inflater = new Inflater(true);
            inflater.setInput(sofar, 10, sofar.length - 10); // past the gzip header
            byte[] out = new byte[64 * 1024];
            try {
                int n = inflater.inflate(out);
                decodedAtFlush.add(new String(out, 0, n, StandardCharsets.UTF_8));
            } catch (java.util.zip.DataFormatException e) {
                throw new AssertionError(e);
            } finally {
                inflater.end();
            }
        }
    }
}
