package io.ifastapi.middleware;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.StreamingBody;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compresses responses with gzip for clients that accept it, as Starlette's GZipMiddleware:
 *
 * <pre>{@code app.addMiddleware(GZipMiddleware.builder().minimumSize(1000).build());}</pre>
 *
 * <ul>
 *   <li>A body in memory shorter than {@code minimumSize} (default 500 bytes) is sent as it is.</li>
 *   <li>A streaming body is compressed as it is written, never buffered: each {@code flush()} of the handler's
 *       stream reaches the client as a decodable piece; {@code Content-Length} is dropped.</li>
 *   <li>Responses that already have a {@code Content-Encoding}, partial (206) responses and the excluded media types
 *       (already compressed formats and {@code text/event-stream}) are left alone.</li>
 *   <li>Whenever the answer depends on {@code Accept-Encoding}, {@code Vary: Accept-Encoding} says so, also to
 *       clients that did not ask for gzip.</li>
 * </ul>
 */
public final class GZipMiddleware implements Middleware {
    /** Starlette's DEFAULT_EXCLUDED_CONTENT_TYPES: formats that are compressed already, and server-sent events. */
    public static final List<String> DEFAULT_EXCLUDED_CONTENT_TYPES = List.of(
            "application/gzip", "application/x-gzip", "application/zip", "audio/*", "font/woff", "font/woff2",
            "image/avif", "image/gif", "image/jpeg", "image/png", "image/webp", "text/event-stream", "video/*");

    private final int minimumSize;
    private final int compressLevel;
    private final Set<String> excludedContentTypes;
    private final DeflaterPool deflaters;

    private GZipMiddleware(Builder b) {
        this.minimumSize = b.minimumSize;
        this.compressLevel = b.compressLevel;
        this.excludedContentTypes = Set.copyOf(b.excludeContentTypes.stream().map(GZipMiddleware::mediaType).toList());
        this.deflaters = new DeflaterPool(compressLevel, 64);
    }

    /** GZip with Starlette's defaults: minimum size 500 bytes, compression level 9. */
    public GZipMiddleware() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never blocks: compresses in memory; a streaming body is compressed as it is written, on a virtual thread. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        String acceptEncoding = request.header("accept-encoding");
        // Starlette's test is a substring test, so "x-gzip" counts too
        boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
        Response response = next.handle(request);
        Headers headers = response.headers();
        if (headers.contains("content-encoding") || response.status() == 206 || excluded(response.mediaType())) {
            return response;
        }
        if (!response.isStreaming()) {
            byte[] body = response.body();
            if (body == null || body.length < minimumSize) {
                return response;
            }
            addVary(headers);
            if (gzip) {
                byte[] compressed = GzipOutputStream.compress(body, compressLevel, deflaters);
                headers.set("Content-Encoding", "gzip");
                headers.set("Content-Length", Integer.toString(compressed.length));
                response.body(compressed);
            }
            return response;
        }
        String length = headers.get("content-length");
        if (length != null && isShorterThanMinimum(length)) {
            return response; // a small file: Starlette sends it in one piece, too small to compress
        }
        addVary(headers);
        if (gzip) {
            headers.set("Content-Encoding", "gzip");
            headers.remove("content-length");
            StreamingBody body = response.streamingBody();
            int level = compressLevel;
            DeflaterPool pool = deflaters;
            Response compressed = Response.stream(null, out -> {
                GzipOutputStream gz = new GzipOutputStream(out, level, pool);
                try {
                    body.writeTo(gz);
                    gz.finish();
                    gz.flush();
                } finally {
                    gz.release();
                }
            });
            compressed.status(response.status());
            compressed.serverError(response.serverError());
            headers.forEach(compressed.headers()::add);
            return compressed;
        }
        return response;
    }

    private boolean isShorterThanMinimum(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) < minimumSize;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean excluded(String contentType) {
        if (contentType == null) {
            return excludedContentTypes.contains("") || excludedContentTypes.contains("/*");
        }
        String type = mediaType(contentType);
        int slash = type.indexOf('/');
        String wildcard = (slash < 0 ? type : type.substring(0, slash)) + "/*";
        return excludedContentTypes.contains(type) || excludedContentTypes.contains(wildcard);
    }

    /** "Text/HTML; charset=utf-8" -> "text/html" */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Starlette's add_vary_header: appends to whatever Vary says, as one header. */
    private static void addVary(Headers headers) {
        String existing = headers.get("vary");
        headers.set("Vary", existing == null ? "Accept-Encoding" : existing + ", Accept-Encoding");
    }

    /** GZipMiddleware's options, with Starlette's defaults. */
    public static final class Builder {
        private int minimumSize = 500;
        private int compressLevel = 9;
        private final List<String> excludeContentTypes = new ArrayList<>(DEFAULT_EXCLUDED_CONTENT_TYPES);

        private Builder() {
        }

        /** Bodies in memory shorter than this many bytes are not compressed. Default 500. */
        public Builder minimumSize(int bytes) {
            this.minimumSize = bytes;
            return this;
        }

        /** zlib's level: 1 (fastest) to 9 (smallest, the default), 0 stores without compressing. */
        public Builder compressLevel(int level) {
            this.compressLevel = level;
            return this;
        }

        /**
         * Media types never compressed, {@code "image/*"} style wildcards allowed; replaces the default list
         * ({@link #DEFAULT_EXCLUDED_CONTENT_TYPES}).
         */
        public Builder excludeContentTypes(String... types) {
            return excludeContentTypes(Arrays.asList(types));
        }

        public Builder excludeContentTypes(List<String> types) {
            excludeContentTypes.clear();
            excludeContentTypes.addAll(types);
            return this;
        }

        public GZipMiddleware build() {
            if (compressLevel < 0 || compressLevel > 9) {
                throw new IllegalArgumentException("GZipMiddleware.compressLevel must be 0..9 (zlib's levels), got "
                        + compressLevel);
            }
            if (minimumSize < 0) {
                throw new IllegalArgumentException("GZipMiddleware.minimumSize must be 0 or more bytes, got " + minimumSize);
            }
            if (excludeContentTypes.contains(null)) {
                throw new IllegalArgumentException("GZipMiddleware.excludeContentTypes must not contain null");
            }
            return new GZipMiddleware(this);
        }
    }
}
