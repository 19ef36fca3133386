package io.ifastapi.forms;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value with parameters, {@code form-data; name="f"; filename="a.txt"}, split as python-multipart's
 * {@code parse_options_header} does it, so that names and file names come out as in Starlette: a ';' inside quotes
 * does not split, keys are lower-cased, quoted values are unescaped ({@code \\} and {@code \"}), the RFC 2231
 * extended forms ({@code filename*=}) are ignored as RFC 7578 4.2 says, and a Windows path sent as a file name (old
 * browsers) is cut to its last segment.
 */
record HeaderParams(String value, Map<String, String> params) {

    static HeaderParams parse(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return new HeaderParams("", params);
        }
        int end = nextSeparator(header, 0);
        String value = header.substring(0, end).strip().toLowerCase(Locale.ROOT);
        while (end < header.length()) {
            int start = end + 1;
            end = nextSeparator(header, start);
            String segment = header.substring(start, end);
            int eq = segment.indexOf('=');
            String key = (eq < 0 ? segment : segment.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (key.indexOf('*') >= 0) {
                continue;
            }
            String val = eq < 0 ? "" : segment.substring(eq + 1).strip();
            if (val.length() >= 2 && val.charAt(0) == '"' && val.charAt(val.length() - 1) == '"') {
                val = val.substring(1, val.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
            }
            if (key.equals("filename") && (val.startsWith(":\\", 1) || val.startsWith("\\\\"))) {
                val = val.substring(val.lastIndexOf('\\') + 1);
            }
            params.put(key, val);
        }
        return new HeaderParams(value, params);
    }

    /** The next ';' at or after {@code from} that is outside a quoted string, or the end. */
    private static int nextSeparator(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return s.length();
    }

    String get(String key) {
        return params.get(key);
    }
}
