package io.ifastapi.testclient;

import io.ifastapi.http.Headers;
import io.ifastapi.json.Json;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request being built; {@link #send()} sends it. From {@code client.request("PATCH", "/items/1")} or
 * {@code client.post("/form")}:
 *
 * <pre>{@code
 * client.request("PATCH", "/items/1").header("X-A", "1").query("q", "a b").json(item).send();
 * client.post("/form").form(Map.of("a", "1")).send();
 * client.post("/upload").multipart(new Multipart().field("note", "hi").file("file", "a.txt", "text/plain", bytes)).send();
 * }</pre>
 *
 * Headers given here replace the client's defaults of the same name ({@code user-agent: testclient}, ...); a
 * {@code Cookie} header given here replaces the jar's cookies, while {@link #cookie} adds to (or overrides) them.
 */
public final class TestRequest {
    private final TestClient client;
    final String method;
    final String target;
    final Headers headers = new Headers();
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    final Map<String, String> cookies = new LinkedHashMap<>();
    byte[] body;
    InputStream stream;
    String contentType;
    Boolean followRedirects;

    TestRequest(TestClient client, String method, String target) {
        this.client = client;
        this.method = method;
        this.target = target;
    }

    /** Adds a header; call twice with one name to send it twice. */
    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** Adds a query parameter, form-encoded ({@code a b} is sent as {@code a+b}); repeat a name for a list. */
    public TestRequest query(String name, Object value) {
        query.add(Map.entry(name, String.valueOf(value)));
        return this;
    }

    /** Sends a cookie with this request only, in place of any the jar holds with that name. */
    public TestRequest cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** A JSON body ({@code application/json}) written by the framework's mapper. */
    public TestRequest json(Object value) {
        return body(Json.bytes(value), "application/json");
    }

    /**
     * An {@code application/x-www-form-urlencoded} body, as an HTML form posts it. A value that is an
     * {@link Iterable} sends its name once per element.
     */
    public TestRequest form(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> {
            Iterable<?> values = value instanceof Iterable<?> many ? many : List.of(String.valueOf(value));
            for (Object v : values) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        return body(out.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /** A {@code multipart/form-data} body: fields and files (see {@link Multipart}). */
    public TestRequest multipart(Multipart form) {
        return body(form.bytes(), form.contentType());
    }

    /** A text body, {@code text/plain; charset=utf-8}. */
    public TestRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** A body of these bytes with this Content-Type (null: none). */
    public TestRequest body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        this.stream = null;
        this.contentType = contentType;
        return this;
    }

    /**
     * A body of unknown length, read once as it is sent: no Content-Length (chunked over a socket). It cannot be
     * replayed, so a 307/308 redirect of such a request fails.
     */
    public TestRequest body(InputStream stream, String contentType) {
        this.stream = stream;
        this.body = null;
        this.contentType = contentType;
        return this;
    }

    /** Follows redirects for this request or not, whatever the client's setting. */
    public TestRequest followRedirects(boolean follow) {
        this.followRedirects = follow;
        return this;
    }

    public TestResponse send() {
        return client.send(this);
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
