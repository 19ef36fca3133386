package io.ifastapi.server;

import io.ifastapi.forms.FormData;
import io.ifastapi.forms.FormLimits;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forms and uploads over a real socket, sent by java.net.http with hand-built bodies and by raw bytes: a big
 * upload streamed and spooled to disk, its temporary file gone after the response (also when the handler fails),
 * malformed bodies answered as Starlette does on a connection that stays usable. Each adapter's module runs it
 * ({@code NettyFormUploadTest}, {@code JettyFormUploadTest}).
 */
public abstract class FormUploadTest extends ServerTestBase {
    private static final String BOUNDARY = "----ifastapiTestBoundary7MA4YWxk";

    @TempDir
    Path uploads;

    @BeforeEach
    void spoolIntoATemporaryDirectory() {
        app.formLimits(FormLimits.defaults().tempDirectory(uploads));
    }

    private static String sha256(InputStream in) {
        try (DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
            digest.transferTo(OutputStreamSink.INSTANCE);
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private long filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cleanup runs after the response is written, so right after the client has it, it may still be running. */
    private void assertEventuallyEmpty(Path dir) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (filesIn(dir) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(filesIn(dir)).as("temporary files left in " + dir).isZero();
    }

    private static byte[] head(String name, String filename, String type) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpRequest.BodyPublisher streamed(byte[] before, InputStream content, byte[] after) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(
                List.of(new ByteArrayInputStream(before), content, new ByteArrayInputStream(after)))));
    }

    @Test
    void aBigUploadStreamsToATemporaryFileThatIsGoneAfterTheResponse() throws Exception {
        app.post("/upload", request -> {
            FormData form = request.form();
            UploadFile file = form.file("file");
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("note", form.get("note"));
            seen.put("filename", file.filename());
            seen.put("contentType", file.contentType());
            seen.put("size", file.size());
            seen.put("inMemory", file.inMemory());
            seen.put("sha256", sha256(file.inputStream()));
            seen.put("tempFiles", filesIn(uploads));
            return seen;
        });
        start();
        long size = 40L * 1024 * 1024;
        byte[] block = new byte[64 * 1024];
        new Random(7).nextBytes(block);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (long sent = 0; sent < size; sent += block.length) {
            expected.update(block);
        }
        InputStream content = new InputStream() { // 40 MiB generated as it is sent: the client holds none of it
            long left = size;
            int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, left), block.length - at);
                System.arraycopy(block, at, b, off, n);
                at = (at + n) % block.length;
                left -= n;
                return n;
            }
        };
        byte[] before = concat(field("note", "big one"), head("file", "data.bin", "application/octet-stream"));
        byte[] after = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = client.send(request("/upload")
                .timeout(Duration.ofSeconds(25))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(streamed(before, content, after)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<?, ?> seen = Json.read(response.body(), Map.class);
        assertThat(seen.get("note")).isEqualTo("big one");
        assertThat(seen.get("filename")).isEqualTo("data.bin");
        assertThat(seen.get("contentType")).isEqualTo("application/octet-stream");
        assertThat(((Number) seen.get("size")).longValue()).isEqualTo(size);
        assertThat(seen.get("inMemory")).isEqualTo(false);
        assertThat(seen.get("sha256")).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        assertThat(((Number) seen.get("tempFiles")).longValue()).as("spooled while the handler ran").isEqualTo(1);
        assertEventuallyEmpty(uploads);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void uploadsAreDeletedWhenTheHandlerFails() throws Exception {
        app.formLimits(FormLimits.defaults().tempDirectory(uploads).spoolThreshold(0));
        app.post("/fail", request -> {
            assertThat(request.form().file("file").inMemory()).isFalse();
            throw new IllegalStateException("handler failed after reading the form");
        });
        start();
        byte[] body = concat(head("file", "a.txt", "text/plain"), "some text".getBytes(StandardCharsets.US_ASCII),
                ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> response = client.send(request("/fail")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertEventuallyEmpty(uploads);
    }

    @Test
    void malformedBodiesAre400sAndTheConnectionStaysUsable() throws Exception {
        app.post("/form", request -> request.form().toSingleValueMap());
        start();
        String ok = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n";
        try (RawHttp raw = raw()) {
            for (String[] c : new String[][]{
                    {"multipart/form-data", ok, "400", "{\"detail\":\"Missing boundary in multipart.\"}"},
                    {"multipart/form-data; boundary=B", "junk\r\n" + ok, "400", "{\"detail\":\"Invalid multipart data.\"}"},
                    {"multipart/form-data; boundary=B", ok.replace("Content-Disposition", "Content-Type"), "400",
                            "{\"detail\":\"The Content-Disposition header field \\\"name\\\" must be provided.\"}"},
                    {"multipart/form-data; boundary=B", ok, "200", "{\"a\":\"x\"}"},
                    {"multipart/form-data; boundary=B", ok.substring(0, ok.length() - 9), "200", "{}"},
                    {"application/x-www-form-urlencoded", "a=1+2&b=%C3%A9&a=3", "200", "{\"a\":\"1 2\",\"b\":\"é\"}"},
            }) {
                byte[] body = c[1].getBytes(StandardCharsets.UTF_8);
                // head and body in one write: a body not read (a 400 before parsing) has then fully arrived, and
                // the adapter can drop it and keep the connection
                raw.send(concat(("POST /form HTTP/1.1\r\nHost: x\r\nContent-Type: " + c[0] + "\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body));
                RawHttp.Response response = raw.read();
                assertThat(response.status()).as(c[1]).isEqualTo(Integer.parseInt(c[2]));
                assertThat(response.text()).as(c[1]).isEqualTo(c[3]);
                assertThat(response.header("connection")).as("kept alive after " + c[1]).isNull();
            }
        }
    }

    @Test
    void aMultipartBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        app.formLimits(FormLimits.defaults().tempDirectory(uploads).maxBodySize(1000));
        app.post("/form", request -> request.form().size());
        start();
        byte[] body = concat(head("file", "a.bin", "application/octet-stream"), new byte[2000],
                ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> announced = client.send(request("/form")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = client.send(request("/form")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(announced.statusCode()).isEqualTo(413);
        assertThat(announced.body()).isEqualTo("{\"detail\":\"Request body is larger than the limit of 1000 bytes\"}");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertEventuallyEmpty(uploads);
    }

    @Test
    void repeatedFieldsAndFilesKeepTheirOrder() throws Exception {
        app.post("/form", request -> {
            FormData form = request.form();
            return Map.of("tags", form.getAll("tag"),
                    "files", form.files("docs").stream().map(f -> f.filename() + "=" + f.text()).toList());
        });
        start();
        byte[] end = ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = concat(field("tag", "a"), head("docs", "1.txt", "text/plain"), "one\r\n".getBytes(),
                field("tag", "b"), head("docs", "2.txt", "text/plain"), "two\r\n".getBytes(), field("tag", "c"), end);

        HttpResponse<String> response = client.send(request("/form")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(Json.read(response.body(), Map.class)).isEqualTo(Map.of("tags", List.of("a", "b", "c"),
                "files", List.of("1.txt=one", "2.txt=two")));
    }
}
