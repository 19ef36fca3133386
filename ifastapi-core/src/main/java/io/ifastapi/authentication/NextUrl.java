package io.ifastapi.authentication;

/**
 * The {@code next} parameter of a login page, checked against open redirects: only a path of this site
 * ({@code /cart?item=3}) is followed, never an absolute URL ({@code https://evil.example}), a scheme-relative one
 * ({@code //evil.example}, {@code /\evil.example}, which browsers read as {@code //}), a {@code javascript:} URL, or
 * anything with control characters.
 */
public final class NextUrl {
    /** Longer values are refused: a next URL is a path this app produced. */
    static final int MAX_LENGTH = 2048;

    private NextUrl() {
    }

    /** True when {@code next} is a path of this site that is safe to redirect to. */
    public static boolean isSafe(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || next.charAt(0) != '/') {
            return false;
        }
        if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@code next} when {@link #isSafe safe}, else {@code fallback}. */
    public static String orDefault(String next, String fallback) {
        return isSafe(next) ? next : fallback;
    }
}
