package io.ifastapi.forms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body ({@code a=1&b=x+y&a=2}), as Starlette reads it: pairs split on
 * '&' only, '+' is a space, {@code %XX} escapes are UTF-8 bytes, a malformed escape stays as written, bytes that are
 * not UTF-8 become U+FFFD, a pair without '=' is a field with an empty value. One difference: raw (unescaped)
 * non-ASCII bytes are read as UTF-8 where Starlette reads them as Latin-1; browsers always escape them anyway.
 * Limits: at most {@link FormLimits#maxFields()} pairs and {@link FormLimits#maxPartSize()} bytes per pair, each a
 * 400 with Starlette's words.
 */
public final class UrlEncodedParser {
    private UrlEncodedParser() {
    }

    public static FormData parse(byte[] body, FormLimits limits) {
        List<Map.Entry<String, String>> items = new ArrayList<>();
        int start = 0;
        while (start < body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                if (end - start > limits.maxPartSize()) {
                    throw new FormException(400, "Field exceeded maximum size of " + limits.maxPartSize() / 1024
                            + "KB.");
                }
                if (items.size() >= limits.maxFields()) {
                    throw new FormException(400, "Too many fields. Maximum number of fields is "
                            + limits.maxFields() + ".");
                }
                int eq = indexOf(body, (byte) '=', start);
                if (eq > end) {
                    eq = end;
                }
                items.add(Map.entry(decode(body, start, eq), eq < end ? decode(body, eq + 1, end) : ""));
            }
            start = end + 1;
        }
        return FormData.of(items);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decode(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && hex(bytes, i + 1, to) >= 0 && hex(bytes, i + 2, to) >= 0) {
                out.write(hex(bytes, i + 1, to) << 4 | hex(bytes, i + 2, to));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte[] bytes, int i, int to) {
        if (i >= to) {
            return -1;
        }
        return Character.digit(bytes[i], 16);
    }
}
