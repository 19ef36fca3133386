package io.ifastapi.testclient;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ifastapi.http.Headers;
import io.ifastapi.json.Json;
import io.ifastapi.http.MediaTypes;
import io.ifastapi.http.URL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A response as the test sees it. The body is decoded from {@code Content-Encoding: gzip/deflate} as httpx does
 * (the headers keep saying what was sent); a streaming body has been read to its end.
 */
public final class TestResponse {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final String method;
    private final URL url;
    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final List<TestResponse> history;

    TestResponse(String method, URL url, int status, Headers headers, byte[] rawBody, List<TestResponse> history) {
        this.method = method;
        this.url = url;
        this.status = status;
        this.headers = headers;
        this.body = decode(rawBody, headers.get("content-encoding"));
        this.history = List.copyOf(history);
    }

    public int status() {
        return status;
    }

    /** Every response header, case-insensitive, repeated ones (Set-Cookie) in order. */
    public Headers headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public byte[] bytes() {
        return body.clone();
    }

    /** The body decoded with the charset of its Content-Type, UTF-8 by default. */
    public String text() {
        return new String(body, MediaTypes.charset(headers.get("content-type")));
    }

    /** The body as a JSON object. */
    public Map<String, Object> json() {
        return json(JSON_OBJECT);
    }

    /** The body as a type: a record, {@code List.class}, {@code String.class} for a JSON string, {@code Object.class}. */
    public <T> T json(Class<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw notJson(type.getSimpleName(), e);
        }
    }

    /** The body as a generic type, e.g. {@code new TypeReference<List<Item>>() {}}. */
    public <T> T json(TypeReference<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw notJson(type.getType().getTypeName(), e);
        }
    }

    /** The cookies this response set (its {@code Set-Cookie} headers), with their attributes as sent. */
    public List<ResponseCookie> cookies() {
        List<ResponseCookie> cookies = new ArrayList<>();
        for (String header : headers.getAll("set-cookie")) {
            ResponseCookie.parse(header).ifPresent(cookies::add);
        }
        return cookies;
    }

    /** The last cookie this response set with that name. */
    public Optional<ResponseCookie> cookie(String name) {
        List<ResponseCookie> all = cookies();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).name().equals(name)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** The URL that gave this response: after redirects, the last one. */
    public URL url() {
        return url;
    }

    /** The redirect responses that led here, first one first; empty when there was no redirect. */
    public List<TestResponse> history() {
        return history;
    }

    /** True for a 301, 302, 303, 307 or 308 with a Location: a redirect the client can follow. */
    public boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                && headers.contains("location");
    }

    private IllegalStateException notJson(String type, IOException e) {
        String text = text();
        return new IllegalStateException("The body of " + this + " is not JSON for " + type + ": "
                + e.getMessage().lines().findFirst().orElse("") + "\nBody: "
                + (text.length() > 500 ? text.substring(0, 500) + "..." : text), e);
    }

    private static byte[] decode(byte[] raw, String contentEncoding) {
        if (contentEncoding == null || raw.length == 0) {
            return raw;
        }
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "gzip", "x-gzip" -> readAll(new GZIPInputStream(new ByteArrayInputStream(raw)));
                case "deflate" -> inflate(raw);
                default -> raw;
            };
        } catch (IOException e) {
            throw new UncheckedIOException("The body is not valid " + encoding + " although Content-Encoding says so", e);
        }
    }

    /** "deflate" is zlib-wrapped by the RFC but raw deflate by some servers; httpx accepts both. */
    private static byte[] inflate(byte[] raw) throws IOException {
        try {
            return readAll(new InflaterInputStream(new ByteArrayInputStream(raw)));
        } catch (java.util.zip.ZipException notZlib) {
            return readAll(new InflaterInputStream(new ByteArrayInputStream(raw), new Inflater(true)));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public String toString() {
        return "TestResponse[" + status + " for " + method + " " + url + "]";
    }
}
