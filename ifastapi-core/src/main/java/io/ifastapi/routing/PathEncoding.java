package io.ifastapi.routing;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of a path parameter's text for a URL: RFC 3986 pchar stays, the rest is UTF-8 %XX. */
final class PathEncoding {
    private static final String PCHAR_EXTRA = "-._~!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathEncoding() {
    }

    /** {@code keepSlashes} for {@code {x:path}}, whose value spans segments. */
    static String encode(String text, boolean keepSlashes) {
        StringBuilder out = null;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = b < 0x80 && (Character.isLetterOrDigit(b) || PCHAR_EXTRA.indexOf(b) >= 0
                    || (keepSlashes && b == '/'));
            if (keep && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length + 16);
                out.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (keep) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out == null ? text : out.toString();
    }
}
