package io.ifastapi.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A {@code Set-Cookie} header with every attribute Starlette's {@code response.set_cookie} takes. Build it fluently
 * and give it to {@link Response#setCookie(SetCookie)}:
 *
 * <pre>{@code response.setCookie(SetCookie.of("theme", "dark").maxAge(Duration.ofDays(30)).sameSite(SameSite.STRICT));}</pre>
 *
 * Defaults match Starlette: path {@code /}, SameSite lax, not HttpOnly, not Secure, no expiry (a browser-session
 * cookie).
 */
public final class SetCookie {
    /** RFC 7231 IMF-fixdate, always in GMT and English. */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String name;
    private final String value;
    private Long maxAgeSeconds;
    private Instant expires;
    private String path = "/";
    private String domain;
    private boolean secure;
    private boolean httpOnly;
    private SameSite sameSite = SameSite.LAX;
    private boolean partitioned;

    private SetCookie(String name, String value) {
        this.name = checkToken(name);
        this.value = checkValue(name, value);
    }

    public static SetCookie of(String name, String value) {
        return new SetCookie(name, value);
    }

    public SetCookie maxAge(Duration maxAge) {
        this.maxAgeSeconds = maxAge == null ? null : maxAge.toSeconds();
        return this;
    }

    public SetCookie maxAge(long seconds) {
        this.maxAgeSeconds = seconds;
        return this;
    }

    public SetCookie expires(Instant expires) {
        this.expires = expires;
        return this;
    }

    /** {@code null} leaves the attribute out, so the browser uses the request path's directory. */
    public SetCookie path(String path) {
        this.path = path;
        return this;
    }

    public SetCookie domain(String domain) {
        this.domain = domain;
        return this;
    }

    public SetCookie secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    public SetCookie httpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
        return this;
    }

    /** {@code null} leaves the attribute out (browsers then default to lax). */
    public SetCookie sameSite(SameSite sameSite) {
        this.sameSite = sameSite;
        return this;
    }

    /** CHIPS: a third-party cookie kept per top-level site. Browsers require Secure with it. */
    public SetCookie partitioned(boolean partitioned) {
        this.partitioned = partitioned;
        return this;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** The header value, e.g. {@code theme=dark; Max-Age=2592000; Path=/; SameSite=lax}. */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(64).append(name).append('=').append(value);
        if (maxAgeSeconds != null) {
            out.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (expires != null) {
            out.append("; Expires=").append(HTTP_DATE.format(expires));
        }
        if (path != null) {
            out.append("; Path=").append(path);
        }
        if (domain != null) {
            out.append("; Domain=").append(domain);
        }
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        if (sameSite != null) {
            out.append("; SameSite=").append(sameSite.attributeValue());
        }
        if (partitioned) {
            out.append("; Partitioned");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }

    private static String checkToken(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A cookie needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("Cookie name " + name + " has a character not allowed in a "
                        + "cookie name (RFC 6265 token): '" + c + "'");
            }
        }
        return name;
    }

    /** RFC 6265 cookie-octets only; anything else must be encoded by the caller (base64url, percent-encoding). */
    private static String checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("Cookie " + name + " needs a value (use \"\" for an empty one)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                throw new IllegalArgumentException("Cookie " + name + " has a character not allowed in a cookie "
                        + "value: '" + c + "'. Encode the value first, e.g. with URLEncoder or base64url.");
            }
        }
        return value;
    }
}
