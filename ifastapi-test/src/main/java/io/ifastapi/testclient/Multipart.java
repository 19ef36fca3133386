package io.ifastapi.testclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body, built as a browser (or httpx's {@code files=}) sends it: fields and files in
 * order, each a part with a Content-Disposition. Send it with {@link TestRequest#multipart}:
 *
 * <pre>{@code
 * client.post("/upload").multipart(new Multipart()
 *         .field("note", "hello")
 *         .file("file", "a.txt", "text/plain", "hi".getBytes()))
 *     .send();
 * }</pre>
 */
public final class Multipart {
    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** With a random boundary. */
    public Multipart() {
        this(UUID.randomUUID().toString().replace("-", ""));
    }

    public Multipart(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("A multipart boundary has 1 to 70 characters (RFC 2046), got '"
                    + boundary + "'");
        }
        this.boundary = boundary;
    }

    public String boundary() {
        return boundary;
    }

    /** {@code multipart/form-data; boundary=...} */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A text field, UTF-8. */
    public Multipart field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + quote(name) + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file; {@code contentType} null sends none. */
    public Multipart file(String name, String filename, String contentType, byte[] content) {
        String headers = "Content-Disposition: form-data; name=\"" + quote(name) + "\"; filename=\"" + quote(filename)
                + "\"\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n");
        return part(headers, content);
    }

    /** A file read from disk, sent under its own name. */
    public Multipart file(String name, Path file, String contentType) {
        try {
            return file(name, file.getFileName().toString(), contentType, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The whole body, closing boundary included. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        out.writeBytes(body.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private Multipart part(String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** As browsers (WHATWG) and httpx escape names: '"' as %22, CR and LF as %0D and %0A. */
    private static String quote(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
