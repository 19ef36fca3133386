package io.ifastapi.http;

import io.ifastapi.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * What a handler answers: a status, headers and a body that is either bytes in memory or written as it is
 * produced ({@link StreamingBody}, files). Handlers usually return plain values and let the app make the JSON
 * response; they build one of these when they need a status, a header, a cookie, HTML or a redirect.
 */
public final class Response {
    private int status;
    private final Headers headers;
    private byte[] body;
    private StreamingBody stream;
    private Throwable serverError;

    private Response(int status, Headers headers, byte[] body, StreamingBody stream) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.stream = stream;
    }

    /** A response with these bytes and content type ({@code null}: no Content-Type header). */
    public static Response bytes(byte[] body, String mediaType, int status) {
        Headers headers = new Headers();
        if (mediaType != null) {
            headers.add("content-type", mediaType);
        }
        return new Response(status, headers, body, null);
    }

    public static Response json(Object value) {
        return json(value, 200);
    }

    /** {@code value} as compact JSON (application/json), as FastAPI's JSONResponse. */
    public static Response json(Object value, int status) {
        return bytes(Json.bytes(value), MediaTypes.JSON, status);
    }

    public static Response text(String text) {
        return text(text, 200);
    }

    public static Response text(String text, int status) {
        return bytes(text.getBytes(StandardCharsets.UTF_8), MediaTypes.TEXT, status);
    }

    public static Response html(String html) {
        return html(html, 200);
    }

    public static Response html(String html, int status) {
        return bytes(html.getBytes(StandardCharsets.UTF_8), MediaTypes.HTML, status);
    }

    /** An empty response, e.g. {@code Response.empty(204)}. */
    public static Response empty(int status) {
        return new Response(status, new Headers(), new byte[0], null);
    }

    /** A 307 Temporary Redirect, Starlette's default: the client repeats the same method and body. */
    public static Response redirect(String url) {
        return redirect(url, 307);
    }

    public static Response redirect(String url, int status) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("A redirect needs a 3xx status, got " + status);
        }
        Response response = empty(status);
        response.headers.set("location", quoteUrl(url));
        return response;
    }

    /** A body written as it is produced, sent chunked. */
    public static Response stream(String mediaType, StreamingBody body) {
        Headers headers = new Headers();
        if (mediaType != null) {
            headers.add("content-type", mediaType);
        }
        return new Response(200, headers, null, body);
    }

    /**
     * A file, streamed from disk, with Content-Type from its extension, Content-Length, Last-Modified and ETag.
     *
     * <p><b>Never build {@code path} from user input.</b> It is served as given: a {@code {name:path}} parameter
     * receives {@code ../} (from {@code ..}, {@code ..%2F} or {@code %2e%2e%2f}), so
     * {@code Response.file(base.resolve(name))} serves any file the process can read. To serve a directory, mount
     * {@code StaticFiles} (package io.ifastapi.staticfiles), which answers 404 to every escape (docs/guide.md, "Static files").
     */
    public static Response file(Path path) {
        return file(path, null);
    }

    /**
     * A file as {@link #file(Path)}; with a {@code downloadName} the browser saves it under that name
     * (Content-Disposition: attachment). A missing file is a 404, not a server error.
     */
    public static Response file(Path path, String downloadName) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new HTTPException(404, "File not found");
        }
        if (!attributes.isRegularFile()) {
            throw new HTTPException(404, "File not found");
        }
        Response response = stream(MediaTypes.forPath(path), out -> Files.copy(path, out));
        long modified = attributes.lastModifiedTime().toMillis();
        response.headers.set("content-length", Long.toString(attributes.size()));
        response.headers.set("last-modified", SetCookie.HTTP_DATE.format(Instant.ofEpochMilli(modified)));
        response.headers.set("etag", "\"" + Long.toHexString(modified) + "-" + Long.toHexString(attributes.size()) + "\"");
        if (downloadName != null) {
            // RFC 6266: an ASCII fallback plus the exact UTF-8 name for clients that read filename*.
            String ascii = downloadName.replaceAll("[^\\x20-\\x7e]|\"|\\\\", "_");
            String encoded = URLEncoder.encode(downloadName, StandardCharsets.UTF_8).replace("+", "%20");
            response.headers.set("content-disposition",
                    "attachment; filename=\"" + ascii + "\"; filename*=utf-8''" + encoded);
        }
        return response;
    }

    public int status() {
        return status;
    }

    public Response status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        this.status = status;
        return this;
    }

    public Headers headers() {
        return headers;
    }

    /** Sets a header, replacing any value it had. */
    public Response header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public String mediaType() {
        return headers.get("content-type");
    }

    /** Adds a {@code Set-Cookie} header; several cookies may be set on one response. */
    public Response setCookie(SetCookie cookie) {
        headers.add("set-cookie", cookie.toHeaderValue());
        return this;
    }

    /** A cookie with Starlette's defaults: path /, SameSite lax, lasting the browser session. */
    public Response setCookie(String name, String value) {
        return setCookie(SetCookie.of(name, value));
    }

    /** Tells the browser to drop a cookie set with path / and no domain. */
    public Response deleteCookie(String name) {
        return deleteCookie(name, "/", null);
    }

    /** Path and domain must be those the cookie was set with, or the browser keeps it. */
    public Response deleteCookie(String name, String path, String domain) {
        return setCookie(SetCookie.of(name, "").maxAge(0).expires(Instant.EPOCH).path(path).domain(domain));
    }

    /** The body bytes, or null for a streaming body. */
    public byte[] body() {
        return body;
    }

    public boolean isStreaming() {
        return stream != null;
    }

    public StreamingBody streamingBody() {
        return stream;
    }

    /** Replaces the body with these bytes (middleware that rewrites bodies, e.g. compression). */
    public Response body(byte[] newBody) {
        this.body = newBody;
        this.stream = null;
        return this;
    }

    /** Writes the body, whichever kind it is. */
    public void writeBody(OutputStream out) throws IOException {
        if (stream != null) {
            stream.writeTo(out);
        } else if (body != null) {
            out.write(body);
        }
    }

    /** The whole body in memory, running a streaming body to its end. For tests and buffering middleware. */
    public byte[] bufferedBody() {
        if (stream == null) {
            return body == null ? new byte[0] : body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            stream.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The exception this 500 response was made from, when it was. The server has already logged it; TestClient
     * rethrows it so that a failing handler fails the test, as Starlette's TestClient does.
     */
    public Throwable serverError() {
        return serverError;
    }

    public Response serverError(Throwable error) {
        this.serverError = error;
        return this;
    }

    /** Starlette quotes a redirect URL so that spaces and non-ASCII characters survive; reserved ones are kept. */
    private static String quoteUrl(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '`' && c != '{' && c != '}' && c != '|' && c != '\\' && c != '^') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + headers + "]";
    }
}
