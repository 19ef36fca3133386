package io.ifastapi.testclient;

import io.ifastapi.http.SameSite;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code Set-Cookie} header of a response, parsed the way browsers parse it (RFC 6265 section 5.2): attribute
 * names are case-insensitive, the last occurrence of an attribute wins, and a malformed attribute is ignored rather
 * than failing the cookie. Values are as the header gave them; {@link CookieJar} decides what is stored.
 *
 * @param name        the cookie name
 * @param value       the value, as sent (quotes included)
 * @param maxAge      {@code Max-Age} in seconds, or null
 * @param expires     {@code Expires}, or null when absent or not a date
 * @param path        {@code Path}, or null when absent or not starting with '/'
 * @param domain      {@code Domain} lower-cased without a leading dot, or null when absent or empty
 * @param secure      {@code Secure}
 * @param httpOnly    {@code HttpOnly}
 * @param sameSite    {@code SameSite}, or null when absent or not lax/strict/none
 * @param partitioned {@code Partitioned}
 * @param header      the header value as received
 */
public record ResponseCookie(String name, String value, Long maxAge, Instant expires, String path, String domain,
                             boolean secure, boolean httpOnly, SameSite sameSite, boolean partitioned, String header) {

    /** The cookie of a {@code Set-Cookie} header value, or empty when a browser would ignore the header. */
    public static Optional<ResponseCookie> parse(String header) {
        int semicolon = header.indexOf(';');
        String pair = semicolon < 0 ? header : header.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq < 0) {
            return Optional.empty();
        }
        String name = trim(pair.substring(0, eq));
        String value = trim(pair.substring(eq + 1));
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Long maxAge = null;
        Instant expires = null;
        String path = null;
        String domain = null;
        boolean secure = false;
        boolean httpOnly = false;
        SameSite sameSite = null;
        boolean partitioned = false;
        String rest = semicolon < 0 ? "" : header.substring(semicolon + 1);
        for (String attribute : rest.split(";")) {
            int aeq = attribute.indexOf('=');
            String key = trim(aeq < 0 ? attribute : attribute.substring(0, aeq)).toLowerCase(Locale.ROOT);
            String val = aeq < 0 ? "" : trim(attribute.substring(aeq + 1));
            switch (key) {
                case "expires" -> {
                    Instant parsed = CookieDate.parse(val);
                    if (parsed != null) {
                        expires = parsed;
                    }
                }
                case "max-age" -> {
                    if (val.matches("-?[0-9]+")) {
                        maxAge = parseDelta(val);
                    }
                }
                case "domain" -> {
                    if (!val.isEmpty()) {
                        String d = val.startsWith(".") ? val.substring(1) : val;
                        domain = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = val.startsWith("/") ? val : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = sameSite(val);
                case "partitioned" -> partitioned = true;
                default -> {
                    // unknown attributes are ignored, as browsers do
                }
            }
        }
        return Optional.of(new ResponseCookie(name, value, maxAge, expires, path, domain, secure, httpOnly,
                sameSite, partitioned, header));
    }

    private static long parseDelta(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException overflow) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static SameSite sameSite(String value) {
        try {
            return SameSite.parse(value);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Trims spaces and tabs only, as RFC 6265 does (String.strip would also eat other whitespace). */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return header;
    }
}
