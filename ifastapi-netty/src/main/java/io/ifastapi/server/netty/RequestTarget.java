package io.ifastapi.server.netty;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The request target of the request line, split into the raw path and query the app gets in {@code URL}, with the
 * checks Jetty makes: origin form ({@code /path?query}), absolute form ({@code http://host/path}, whose authority
 * then stands for the Host header) and {@code OPTIONS *}; no fragment; the path per {@link PathValidator}.
 *
 * @param path      raw, still percent-encoded
 * @param query     raw, or null when there is no '?' ("" when there is one with nothing after it)
 * @param authority host[:port] of an absolute-form target, else null
 */
record RequestTarget(String path, String query, String authority) {

    static RequestTarget parse(String method, String uri) throws RequestRejected {
        String authority = null;
        String rest = uri;
        if (!uri.startsWith("/")) {
            if ("*".equals(uri) && "OPTIONS".equals(method)) {
                return new RequestTarget("*", null, null);
            }
            int schemeEnd = schemeEnd(uri);
            if (schemeEnd < 0) {
                throw RequestRejected.badRequest("Bad request target");
            }
            int pathStart = schemeEnd;
            while (pathStart < uri.length() && "/?#".indexOf(uri.charAt(pathStart)) < 0) {
                pathStart++;
            }
            authority = uri.substring(schemeEnd, pathStart);
            rest = pathStart < uri.length() && uri.charAt(pathStart) == '/' ? uri.substring(pathStart)
                    : "/" + uri.substring(pathStart);
        }
        if (rest.indexOf('#') >= 0) {
            throw RequestRejected.badRequest("A request target must not have a fragment");
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        PathValidator.check(path);
        return new RequestTarget(path, q < 0 ? null : query(rest.substring(q + 1)), authority);
    }

    /** The index after "http://" or "https://" (any case), or -1 for any other target. */
    private static int schemeEnd(String uri) {
        if (uri.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        if (uri.regionMatches(true, 0, "https://", 0, 8)) {
            return 8;
        }
        return -1;
    }

    /**
     * The query is the app's to parse (bad escapes in it are not the server's business, as in Jetty), but control
     * characters are refused, and raw non-ASCII bytes, which the decoder hands over one char per byte, are read
     * as the UTF-8 they are.
     */
    private static String query(String query) throws RequestRejected {
        boolean nonAscii = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw RequestRejected.badRequest("Illegal character in the query");
            }
            nonAscii |= c >= 0x80;
        }
        if (!nonAscii) {
            return query;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(query.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            throw RequestRejected.badRequest("Bad UTF-8 in the query");
        }
    }
}
