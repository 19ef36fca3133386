package io.ifastapi.sessions;

import io.ifastapi.http.SameSite;

import java.time.Duration;

/**
 * The session cookie's name and attributes, and the two Set-Cookie headers SessionMiddleware sends, spelled exactly
 * as Starlette spells them so that both frameworks' cookies are interchangeable:
 * {@code session=<value>; path=/; Max-Age=1209600; httponly; samesite=lax[; secure][; domain=...]} and, to clear,
 * {@code session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax[; ...]}.
 */
public record SessionCookie(String name, String path, Duration maxAge, SameSite sameSite, boolean httpsOnly,
                            String domain) {
    /** Browsers keep at least 4096 bytes per cookie, name and attributes included (RFC 6265 section 6.1). */
    public static final int BROWSER_LIMIT = 4096;

    public SessionCookie {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The session cookie needs a name");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("The session cookie path must start with '/', got " + path);
        }
        if (sameSite == null) {
            throw new IllegalArgumentException("sameSite must be lax, strict or none");
        }
    }

    /** "httponly; samesite=lax[; secure][; domain=x]", in Starlette's order. */
    private String flags() {
        return "httponly; samesite=" + sameSite.attributeValue() + (httpsOnly ? "; secure" : "")
                + (domain == null ? "" : "; domain=" + domain);
    }

    /** The header that stores {@code value}. */
    public String setHeader(String value) {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 80)
                .append(name).append('=').append(value).append("; path=").append(path).append("; ");
        if (maxAge != null && !maxAge.isZero()) { // Starlette writes no Max-Age for 0 or None
            out.append("Max-Age=").append(maxAge.toSeconds()).append("; ");
        }
        return out.append(flags()).toString();
    }

    /** The header that makes the browser drop the cookie. */
    public String clearHeader() {
        return name + "=null; path=" + path + "; expires=Thu, 01 Jan 1970 00:00:00 GMT; " + flags();
    }
}
