package io.ifastapi.server.netty;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The URI compliance rules of the Jetty adapter ({@code JettyServer.URI_COMPLIANCE}), for a raw request path, so that
 * both adapters let the same paths reach the app (see UriComplianceTest):
 * <ul>
 * <li>allowed, as sent: {@code %2F} in a segment, empty segments, {@code %25}, literal dot segments, path
 *     parameters ({@code /a;b=c});
 * <li>400: characters outside RFC 3986's path characters (raw non-ASCII included: it must be percent-encoded),
 *     malformed percent-encoding, encoded control characters, NUL or backslash, percent-encoded bytes that are not
 *     UTF-8, encoded dot segments ({@code %2e%2e}), dot segments with a parameter ({@code ..;}), and literal
 *     {@code ..} segments that climb above the root.
 * </ul>
 * One pass over the characters; the decoding needed for the UTF-8 and encoded-character checks runs only for paths
 * that contain a '%', which most do not.
 */
final class PathValidator {
    /** RFC 3986 pchar, plus '/' and '%' (whose escapes are checked separately). */
    private static final boolean[] LEGAL = new boolean[128];

    static {
        String legal = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%";
        for (int i = 0; i < legal.length(); i++) {
            LEGAL[legal.charAt(i)] = true;
        }
    }

    private PathValidator() {
    }

    /** @param path the raw path of an origin-form target: starts with '/', no query */
    static void check(String path) throws RequestRejected {
        boolean encoded = false;
        for (int i = 0, n = path.length(); i < n; i++) {
            char c = path.charAt(i);
            if (c >= 128 || !LEGAL[c]) {
                throw RequestRejected.badRequest("Illegal character in the path");
            }
            if (c == '%') {
                if (i + 2 >= n || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0) {
                    throw RequestRejected.badRequest("Bad percent-encoding in the path");
                }
                encoded = true;
                i += 2;
            }
        }
        if (encoded) {
            checkDecoded(path);
        }
        checkSegments(path);
    }

    /** What the app gets from {@code Request.path()} must be UTF-8 without control characters or backslashes. */
    private static void checkDecoded(String path) throws RequestRejected {
        byte[] bytes = new byte[path.length()];
        int length = 0;
        boolean nonAscii = false;
        for (int i = 0, n = path.length(); i < n; i++) {
            int b = path.charAt(i);
            if (b == '%') {
                b = hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2));
                i += 2;
                if (b < 0x20 || b == 0x7f || b == '\\') {
                    throw RequestRejected.badRequest("Suspicious encoded character in the path");
                }
                nonAscii |= b >= 0x80;
            }
            bytes[length++] = (byte) b;
        }
        if (nonAscii) {
            try {
                // A fresh decoder reports malformed input (overlong forms, surrogates, truncated sequences).
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
            } catch (CharacterCodingException e) {
                throw RequestRejected.badRequest("Bad UTF-8 encoding in the path");
            }
        }
    }

    /** Dot segments, segment by raw segment (a {@code %2F} does not start a segment, as in Jetty). */
    private static void checkSegments(String path) throws RequestRejected {
        int depth = 0;
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int nameEnd = path.indexOf(';', start);
            boolean parameter = nameEnd >= 0 && nameEnd < end;
            int dots = dots(path, start, parameter ? nameEnd : end);
            if (dots < 0 || (dots > 0 && parameter)) {
                throw RequestRejected.badRequest("Ambiguous dot segment in the path");
            }
            if (dots == 2) {
                if (--depth < 0) {
                    throw RequestRejected.badRequest("The path climbs above the root");
                }
            } else if (dots == 0) {
                depth++;
            }
            start = end + 1;
        }
    }

    /** 1 for ".", 2 for "..", 0 for any other name, -1 for a dot segment written with %2e (never legitimate). */
    private static int dots(String path, int start, int end) {
        int dots = 0;
        boolean encoded = false;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c == '%' && i + 2 < end && path.charAt(i + 1) == '2'
                    && (path.charAt(i + 2) == 'e' || path.charAt(i + 2) == 'E')) {
                dots++;
                encoded = true;
                i += 2;
            } else {
                return 0;
            }
            if (dots > 2) {
                return 0;
            }
        }
        return dots == 0 || !encoded ? dots : -1;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
