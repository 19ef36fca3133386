package io.ifastapi.testclient;

import io.ifastapi.http.URL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cookies a browser would keep, by the rules of RFC 6265 (sections 5.3 and 5.4) and the two of its successor
 * (RFC 6265bis) that every browser applies: a {@code Secure} cookie is only accepted from an https URL, and the
 * {@code __Secure-} and {@code __Host-} name prefixes are enforced. It does not consult the public suffix list: a
 * {@code Domain} is accepted whenever the request host domain-matches it.
 *
 * <ul>
 *   <li>{@code Domain}: without it a cookie is host-only (sent back to exactly that host); with it, to that domain and
 *   its subdomains, and only if the request host domain-matches it, else the cookie is rejected.</li>
 *   <li>{@code Path}: without it (or when it does not start with '/'), the directory of the request path; sent to
 *   paths that path-match it ({@code /a} matches {@code /a}, {@code /a/} and {@code /a/b}, not {@code /ab}).</li>
 *   <li>{@code Secure}: sent only to https URLs. {@code HttpOnly}: stored and sent (it only hides it from scripts).
 *   {@code SameSite}: stored; test requests are all same-site, so it never stops a cookie.</li>
 *   <li>{@code Max-Age} wins over {@code Expires}; {@code Max-Age<=0} or an {@code Expires} in the past deletes the
 *   cookie. Time comes from the jar's {@link Clock}, so tests can expire cookies without sleeping.</li>
 *   <li>A cookie with the same name, domain and path replaces the stored one (keeping its creation time).</li>
 *   <li>The {@code Cookie} header lists cookies with longer paths first, then those created earlier.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class CookieJar {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final Clock clock;
    private final String defaultHost;
    private final List<Cookie> cookies = new ArrayList<>(); // in creation order

    /**
     * @param clock       the time cookies expire by
     * @param defaultHost the host {@link #set(String, String)} sets cookies for (the test client's base host)
     */
    public CookieJar(Clock clock, String defaultHost) {
        this.clock = clock;
        this.defaultHost = canonicalHost(defaultHost);
    }

    // ----- what the client does -----

    /**
     * Stores the cookie of one {@code Set-Cookie} header received from {@code url}, or deletes the stored one when
     * the header expires it. Returns false when a browser would ignore the header (malformed, a {@code Domain} the
     * host does not match, {@code Secure} from http, a prefix rule broken).
     */
    public synchronized boolean store(URL url, String setCookieHeader) {
        Optional<ResponseCookie> parsed = ResponseCookie.parse(setCookieHeader);
        if (parsed.isEmpty()) {
            return false;
        }
        ResponseCookie c = parsed.get();
        evictExpired(); // an expired Secure cookie must not block its replacement below
        Instant now = clock.instant();
        String host = canonicalHost(url.host());
        boolean secureOrigin = "https".equalsIgnoreCase(url.scheme());

        String domain = host;
        boolean hostOnly = true;
        if (c.domain() != null) {
            if (!domainMatches(host, c.domain())) {
                return false;
            }
            domain = c.domain();
            hostOnly = false;
        }
        String path = c.path() != null ? c.path() : defaultPath(url.path());
        if (c.secure() && !secureOrigin) {
            return false;
        }
        String lowerName = c.name().toLowerCase(Locale.ROOT);
        if (lowerName.startsWith("__secure-") && !c.secure()) {
            return false;
        }
        if (lowerName.startsWith("__host-") && !(c.secure() && c.domain() == null && "/".equals(c.path()))) {
            return false;
        }
        if (!secureOrigin && overwritesSecureCookie(c.name(), domain, path)) {
            return false;
        }

        // An already expired cookie (Max-Age<=0, Expires in the past) replaces the stored one and is then evicted:
        // that is how a server deletes a cookie.
        save(new Cookie(c.name(), c.value(), domain, hostOnly, path, c.secure(), c.httpOnly(), c.sameSite(),
                c.partitioned(), expiry(c, now), now));
        return true;
    }

    /** Stores every {@code Set-Cookie} header of a response from {@code url}. */
    public synchronized void storeAll(URL url, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            store(url, header);
        }
    }

    /** The cookies a browser sends to {@code url}, in the order of the {@code Cookie} header. */
    public synchronized List<Cookie> cookiesFor(URL url) {
        evictExpired();
        String host = canonicalHost(url.host());
        String path = url.path() == null || url.path().isEmpty() ? "/" : url.path();
        boolean secure = "https".equalsIgnoreCase(url.scheme());
        List<Cookie> matching = new ArrayList<>();
        for (Cookie cookie : cookies) {
            boolean hostMatches = cookie.hostOnly() ? host.equals(cookie.domain()) : domainMatches(host, cookie.domain());
            if (hostMatches && pathMatches(path, cookie.path()) && (secure || !cookie.secure())) {
                matching.add(cookie);
            }
        }
        // Stable sort: among equal path lengths the creation order of the list is kept.
        matching.sort(Comparator.comparingInt((Cookie c) -> c.path().length()).reversed());
        return matching;
    }

    /** The {@code Cookie} header for {@code url} ({@code a=1; b=2}), or null when no cookie applies. */
    public synchronized String header(URL url) {
        List<Cookie> matching = cookiesFor(url);
        if (matching.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Cookie cookie : matching) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(cookie.name()).append('=').append(cookie.value());
        }
        return out.toString();
    }

    // ----- what a test looks at -----

    /**
     * The value of the cookie with this name, or null. When several share the name (other domains or paths), the
     * one listed first in a Cookie header: longest path, then oldest.
     */
    public synchronized String get(String name) {
        return find(name).map(Cookie::value).orElse(null);
    }

    /** The stored cookie with this name and all its attributes (same choice as {@link #get}). */
    public synchronized Optional<Cookie> find(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Every unexpired cookie, longest path first, then oldest. */
    public synchronized List<Cookie> all() {
        evictExpired();
        List<Cookie> all = new ArrayList<>(cookies);
        all.sort(Comparator.comparingInt((Cookie c) -> c.path().length()).reversed());
        return List.copyOf(all);
    }

    /** Sets a host-only browser-session cookie for the client's host and path {@code /}, as if the app had set it. */
    public synchronized CookieJar set(String name, String value) {
        save(new Cookie(name, value, defaultHost, true, "/", false, false, null, false, null, clock.instant()));
        return this;
    }

    /** Sets a browser-session cookie for a domain (sent to it and its subdomains) and a path. */
    public synchronized CookieJar set(String name, String value, String domain, String path) {
        String d = canonicalHost(domain.startsWith(".") ? domain.substring(1) : domain);
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("A cookie path starts with '/', got " + path);
        }
        save(new Cookie(name, value, d, false, path, false, false, null, false, null, clock.instant()));
        return this;
    }

    /** Removes every cookie with this name; returns whether there was one. */
    public synchronized boolean remove(String name) {
        return cookies.removeIf(c -> c.name().equals(name));
    }

    public synchronized void clear() {
        cookies.clear();
    }

    public synchronized int size() {
        return all().size();
    }

    public synchronized boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public synchronized String toString() {
        return "CookieJar" + all();
    }

    // ----- RFC 6265 -----

    /** Max-Age wins over Expires (5.3 step 3); Max-Age <= 0 means already expired. */
    private static Instant expiry(ResponseCookie c, Instant now) {
        if (c.maxAge() != null) {
            long seconds = c.maxAge();
            if (seconds <= 0) {
                return Instant.EPOCH;
            }
            return seconds > Instant.MAX.getEpochSecond() - now.getEpochSecond() ? Instant.MAX : now.plusSeconds(seconds);
        }
        return c.expires();
    }

    /** 5.1.3: identical, or a suffix after a '.', and the host is not an IP address. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.'
                && !IPV4.matcher(host).matches() && host.indexOf(':') < 0;
    }

    /** 5.1.4: the request path's directory: "/a/b" gives "/a", "/a" and "/" give "/". */
    static String defaultPath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return "/";
        }
        int last = requestPath.lastIndexOf('/');
        return last == 0 ? "/" : requestPath.substring(0, last);
    }

    /** 5.1.4: identical, or a prefix ending in '/' or followed by '/'. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** 6265bis 5.6 step 16: from http, a cookie may not shadow a Secure one of the same name. */
    private boolean overwritesSecureCookie(String name, String domain, String path) {
        for (Cookie existing : cookies) {
            if (existing.secure() && existing.name().equals(name)
                    && (domainMatches(existing.domain(), domain) || domainMatches(domain, existing.domain()))
                    && pathMatches(path, existing.path())) {
                return true;
            }
        }
        return false;
    }

    /** Adds the cookie, or replaces the one with its name, domain and path in place, keeping its creation time. */
    private void save(Cookie cookie) {
        int index = indexOf(cookie.name(), cookie.domain(), cookie.path());
        if (index < 0) {
            cookies.add(cookie);
            return;
        }
        Cookie old = cookies.get(index);
        cookies.set(index, new Cookie(cookie.name(), cookie.value(), cookie.domain(), cookie.hostOnly(), cookie.path(),
                cookie.secure(), cookie.httpOnly(), cookie.sameSite(), cookie.partitioned(), cookie.expires(),
                old.created()));
    }

    private int indexOf(String name, String domain, String path) {
        for (int i = 0; i < cookies.size(); i++) {
            Cookie c = cookies.get(i);
            if (c.name().equals(name) && c.domain().equals(domain) && c.path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    private void evictExpired() {
        Instant now = clock.instant();
        cookies.removeIf(c -> c.expiredAt(now));
    }

    private static String canonicalHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
