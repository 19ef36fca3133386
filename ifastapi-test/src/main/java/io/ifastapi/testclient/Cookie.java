package io.ifastapi.testclient;

import io.ifastapi.http.SameSite;

import java.time.Instant;

/**
 * A cookie as {@link CookieJar} stores it (RFC 6265 section 5.3): where it is sent and until when.
 *
 * @param name        the cookie name
 * @param value       the value
 * @param domain      the host it came from (host-only) or the {@code Domain} it was set for
 * @param hostOnly    true when set without {@code Domain}: sent to exactly that host, not its subdomains
 * @param path        the {@code Path}, or the default path of the request that set it
 * @param secure      sent only over https
 * @param httpOnly    hidden from scripts (a test client has none, so it is sent as any other)
 * @param sameSite    as set, or null; test requests are all same-site, so it never stops a cookie
 * @param partitioned CHIPS; kept for inspection
 * @param expires     when it expires, or null for a cookie that lasts until the client is closed
 * @param created     when it was first stored (kept when a new value replaces it)
 */
public record Cookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                     boolean httpOnly, SameSite sameSite, boolean partitioned, Instant expires, Instant created) {

    /** True when it has an expiry date (Max-Age or Expires); false for a browser-session cookie. */
    public boolean persistent() {
        return expires != null;
    }

    boolean expiredAt(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    @Override
    public String toString() {
        return name + "=" + value + "; Domain=" + domain + (hostOnly ? " (host-only)" : "") + "; Path=" + path
                + (expires == null ? "" : "; Expires=" + expires) + (secure ? "; Secure" : "")
                + (httpOnly ? "; HttpOnly" : "") + (sameSite == null ? "" : "; SameSite=" + sameSite.attributeValue())
                + (partitioned ? "; Partitioned" : "");
    }
}
