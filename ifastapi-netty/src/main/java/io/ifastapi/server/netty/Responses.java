package io.ifastapi.server.netty;

import io.ifastapi.http.Response;
import io.ifastapi.server.HttpRules;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** Netty response heads from ours, and the JSON errors the adapter answers itself. */
final class Responses {
    /**
     * Names are validated (a CR, LF or colon in a name would let an app split the response), once per distinct name
     * in {@link #wireName}, not on every add; values are not, because {@code io.ifastapi.http.Headers} already
     * refuses CR and LF in them.
     */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false)
            .withValueValidation(false);

    private Responses() {
    }

    /** Values at least this long go to Netty as bytes (a session cookie can be 4 KB), shorter ones as they are. */
    private static final int BULK_VALUE_CHARS = 16;
    /** Header names an app sends are few; past this many distinct ones, new names are not kept. */
    private static final int MAX_NAMES = 512;
    private static final ConcurrentHashMap<String, AsciiString> NAMES = new ConcurrentHashMap<>();

    /** The app's headers, in order and with repeats, plus the cached Date unless the app set one; no Server header. */
    static HttpHeaders headers(Response answer, AsciiString date) {
        HttpHeaders headers = HEADERS.newHeaders();
        answer.headers().forEach((name, value) -> headers.add(wireName(name), wire(value)));
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.add(HttpHeaderNames.DATE, date);
        }
        return headers;
    }

    /**
     * The name as an AsciiString, kept once made: Netty's encoder copies an AsciiString's bytes at once but writes a
     * String char by char, each a bounds-checked write to a direct buffer (Netty 4.2 on JDK 24+ runs without
     * Unsafe), which JFR showed among the event loop's hottest frames.
     */
    private static CharSequence wireName(String name) {
        AsciiString known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        // Validated on the text the app gave: a char beyond Latin-1 must not pass as the '?' it would be sent as.
        if (!HttpRules.isToken(name)) {
            throw new IllegalArgumentException("Invalid response header name: '" + name + "'");
        }
        AsciiString ascii = new AsciiString(name.getBytes(StandardCharsets.ISO_8859_1), false);
        if (NAMES.size() < MAX_NAMES) {
            NAMES.putIfAbsent(name, ascii);
        }
        return ascii;
    }

    /**
     * Netty's encoder writes a String value char by char and an AsciiString with one copy; both write each char as
     * its low byte (ISO-8859-1, '?' beyond it), so a long value is turned into those bytes here at once.
     */
    private static CharSequence wire(String value) {
        return value.length() < BULK_VALUE_CHARS ? value
                : new AsciiString(value.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    static HttpResponseStatus status(int code) {
        return HttpResponseStatus.valueOf(code);
    }

    /** FastAPI's {@code {"detail": "..."}} ({@link HttpRules#errorBody}), as JsonErrorHandler gives for Jetty. */
    static FullHttpResponse error(int code, String detail, AsciiString date) {
        byte[] body = HttpRules.errorBody(code, detail);
        HttpHeaders headers = HEADERS.newHeaders()
                .add(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .add(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .add(HttpHeaderNames.DATE, date);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status(code), Unpooled.wrappedBuffer(body), headers,
                EmptyHttpHeaders.INSTANCE);
    }
}
