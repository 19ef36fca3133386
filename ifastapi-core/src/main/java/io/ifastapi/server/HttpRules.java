package io.ifastapi.server;

import io.ifastapi.http.Headers;
import io.ifastapi.http.HttpStatus;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.json.Json;

import java.util.Map;

/**
 * What HTTP asks of every response, whichever adapter writes it: what a HEAD request gets, and the body of the errors
 * an adapter answers itself (which statuses carry no body is {@link HttpStatus#bodyless}). Written once here so that Netty, Jetty and the
 * in-process TestClient cannot disagree.
 */
public final class HttpRules {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpRules() {
    }

    public static boolean isHead(Request request) {
        return "HEAD".equals(request.method());
    }

    /**
     * The response to a HEAD request: the headers a GET would get, no body (RFC 9110 9.3.2). A body in memory gives
     * its Content-Length (unless the app set one); a streaming body is never run, so a HEAD costs nothing however
     * large the GET would be: its Content-Length is sent when the app set one, else none (it is known only by
     * producing the content, which RFC 9110 lets a server skip). Adapters add no Content-Length to a HEAD response.
     */
    public static Response forHead(Response response) {
        if (!HttpStatus.bodyless(response.status()) && !response.isStreaming() && !response.headers().contains("content-length")) {
            byte[] body = response.body();
            response.headers().set("content-length", Integer.toString(body == null ? 0 : body.length));
        }
        return response.body(new byte[0]);
    }

    /**
     * The first response header name that is not an HTTP token (RFC 9110 5.1: letters, digits and
     * {@code !#$%&'*+-.^_`|~}), or null when all are. A space, colon, CR or LF in a name would let an app corrupt
     * or split the response, so an adapter answers 500 instead of sending it.
     */
    public static String invalidHeaderName(Headers headers) {
        String[] invalid = new String[1];
        headers.forEach((name, value) -> {
            if (invalid[0] == null && !isToken(name)) {
                invalid[0] = name;
            }
        });
        return invalid[0];
    }

    /** Whether {@code text} is a non-empty HTTP token (RFC 9110 5.6.2). */
    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * FastAPI's {@code {"detail": "..."}} for an error the adapter answers itself (a malformed request, a failed
     * body): a 4xx says what was wrong, a 5xx only its reason phrase, never an exception that may carry internals.
     */
    public static byte[] errorBody(int status, String detail) {
        String shown = status >= 500 || detail == null || detail.isBlank() ? HttpStatus.reason(status) : detail;
        return Json.bytes(Map.of("detail", shown));
    }
}
