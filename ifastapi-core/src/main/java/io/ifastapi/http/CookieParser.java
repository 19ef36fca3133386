package io.ifastapi.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code Cookie} request headers leniently, as browsers and Starlette's cookie_parser do: pairs split on ';',
 * a pair without '=' is a value with an empty name, surrounding quotes are dropped, and nothing is ever an error.
 * A name sent twice ({@code session=a; session=b}) reads as its last value, as in Starlette (a dict assignment per
 * pair): SessionMiddleware then reads the same cookie as a Starlette app behind the same proxy would.
 */
final class CookieParser {
    private CookieParser() {
    }

    static Map<String, String> parse(List<String> headerValues) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headerValues) {
            // Pairs split on ';' (by hand: String.split allocates an array and a list on every request).
            for (int start = 0, end; start <= header.length(); start = end + 1) {
                end = header.indexOf(';', start);
                if (end < 0) {
                    end = header.length();
                }
                String chunk = header.substring(start, end);
                int eq = chunk.indexOf('=');
                String name = eq < 0 ? "" : chunk.substring(0, eq).trim();
                String value = (eq < 0 ? chunk : chunk.substring(eq + 1)).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty() || !value.isEmpty()) {
                    cookies.put(name, value); // the last one wins, as in Starlette
                }
            }
        }
        return cookies;
    }
}
