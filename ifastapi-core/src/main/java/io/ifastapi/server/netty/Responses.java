package io.ifastapi.server.netty;

import io.ifastapi.HttpStatus;
import io.ifastapi.Json;
import io.ifastapi.Response;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

import java.util.Map;

/** Netty response heads from ours, and the JSON errors the adapter answers itself. */
final class Responses {
    /**
     * Names are validated (a CR, LF or colon in a name would let an app split the response); values are not, because
     * {@code io.ifastapi.Headers} already refuses CR and LF in them.
     */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValueValidation(false);

    private Responses() {
    }

    /** The app's headers, in order and with repeats, plus the cached Date unless the app set one; no Server header. */
    static HttpHeaders headers(Response answer, AsciiString date) {
        HttpHeaders headers = HEADERS.newHeaders();
        answer.headers().forEach(headers::add);
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.add(HttpHeaderNames.DATE, date);
        }
        return headers;
    }

    /** Whether a response with this status carries no body at all (RFC 9110: 1xx, 204, 304). */
    static boolean bodyless(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    static HttpResponseStatus status(int code) {
        return HttpResponseStatus.valueOf(code);
    }

    /**
     * FastAPI's {@code {"detail": "..."}}, as JsonErrorHandler gives for Jetty: a 4xx says what was wrong, a 5xx only
     * its reason phrase, never an exception that may carry internals.
     */
    static FullHttpResponse error(int code, String detail, AsciiString date) {
        String shown = code >= 500 || detail == null || detail.isBlank() ? HttpStatus.reason(code) : detail;
        byte[] body = Json.bytes(Map.of("detail", shown));
        HttpHeaders headers = HEADERS.newHeaders()
                .add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .add(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .add(HttpHeaderNames.DATE, date);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(code), Unpooled.wrappedBuffer(body), headers,
                EmptyHttpHeaders.INSTANCE);
    }
}
