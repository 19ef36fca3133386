package io.ifastapi.server.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.List;

/**
 * What the adapter needs to know about a decoded request before dispatching it, checked on the event loop: what
 * Netty's decoder lets through but Jetty refuses (an unsupported version, a method that is not a token, a bad
 * target, a missing, repeated or malformed Host, an unknown expectation) is a {@link RequestRejected}.
 *
 * @param host     from the absolute-form target, else the Host header; null for HTTP/1.0 without one (the adapter
 *                 then uses the local address, as Jetty does)
 * @param port     the Host's port, 80 when it has none
 * @param hasBody  whether a body follows (Content-Length above 0, or chunked)
 */
record RequestHead(String method, RequestTarget target, String host, int port, boolean http10, boolean keepAlive,
                   boolean expectContinue, boolean hasBody) {
    /** RFC 9110 token characters, for the method. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        String token = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int i = 0; i < token.length(); i++) {
            TOKEN[token.charAt(i)] = true;
        }
    }

    static RequestHead of(HttpRequest request) throws RequestRejected {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            throw new RequestRejected(505, "HTTP version " + version.text() + " is not supported");
        }
        boolean http10 = version.minorVersion() == 0;
        String method = request.method().name();
        checkToken(method);
        RequestTarget target = RequestTarget.parse(method, request.uri());

        HttpHeaders headers = request.headers();
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            throw RequestRejected.badRequest("More than one Host header");
        }
        if (hosts.isEmpty() && !http10 && target.authority() == null) {
            throw RequestRejected.badRequest("No Host");
        }
        HostAndPort host = null;
        if (target.authority() != null) {
            host = HostAndPort.parse(target.authority());
            if (!hosts.isEmpty() && !target.authority().equalsIgnoreCase(hosts.getFirst().trim())) {
                throw RequestRejected.badRequest("The target's authority differs from the Host header");
            }
        } else if (!hosts.isEmpty()) {
            host = HostAndPort.parse(hosts.getFirst());
        }

        boolean expectContinue = false;
        String expect = headers.get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
                throw new RequestRejected(417, "Unsupported expectation: " + expect);
            }
            expectContinue = !http10; // an HTTP/1.0 client cannot understand an interim response
        }
        for (String coding : headers.getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
            // The decoder refuses a last coding other than chunked (400); one before it, as in "gzip, chunked",
            // would reach the app still encoded. Jetty answers 501 to any coding but chunked, and so do we.
            for (String part : coding.split(",")) {
                if (!part.isBlank() && !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(part.trim())) {
                    throw new RequestRejected(501, "Unsupported Transfer-Encoding: " + coding.trim());
                }
            }
        }
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        return new RequestHead(method, target, host == null ? null : host.host(), host == null ? -1 : host.port(),
                http10, HttpUtil.isKeepAlive(request), expectContinue, hasBody);
    }

    private static void checkToken(String method) throws RequestRejected {
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c >= 128 || !TOKEN[c]) {
                throw RequestRejected.badRequest("Illegal character in the method");
            }
        }
    }
}
