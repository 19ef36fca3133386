package io.ifastapi.testclient;

import io.ifastapi.http.URL;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * URL handling for the test client: base URLs, request targets and redirect locations. Targets are kept as the test
 * wrote them (so a test can send {@code /items/%zz} on purpose); only characters that may never appear in a request
 * line (spaces, controls, non-ASCII, {@code "<>\^`{|}[]}) are percent-encoded, as browsers and httpx do.
 */
final class Urls {
    private Urls() {
    }

    /** A base URL such as {@code http://testserver} or {@code https://example.com:8443/api}. */
    static URL parseBase(String base) {
        URL url = parseAbsolute(base);
        if (url == null) {
            throw new IllegalArgumentException("A base URL is absolute, like http://testserver; got " + base);
        }
        String path = url.path().endsWith("/") ? url.path().substring(0, url.path().length() - 1) : url.path();
        return url.withPathAndQuery(path, null);
    }

    /**
     * The URL of a request target: an absolute URL as is, else the base URL's origin and path followed by
     * {@code target}; then {@code extraQuery} encoded as a form ({@code a b} becomes {@code a+b}).
     */
    static URL target(URL base, String target, List<Map.Entry<String, String>> extraQuery) {
        URL url = parseAbsolute(target);
        if (url == null) {
            String relative = target.startsWith("/") ? target : "/" + target;
            url = withTarget(base, base.path() + relative);
        }
        if (extraQuery.isEmpty()) {
            return url;
        }
        StringBuilder query = new StringBuilder(url.query() == null ? "" : url.query());
        for (Map.Entry<String, String> param : extraQuery) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
        }
        return url.withPathAndQuery(url.path(), query.toString());
    }

    /** Where a redirect's {@code Location} points, resolved against the URL that answered it (RFC 3986 5.2). */
    static URL resolve(URL current, String location) {
        URL absolute = parseAbsolute(location);
        if (absolute != null) {
            return absolute;
        }
        if (location.startsWith("//")) {
            return parseAbsolute(current.scheme() + ":" + location);
        }
        if (location.startsWith("/")) {
            return withTarget(current, location);
        }
        if (location.startsWith("?")) {
            return withTarget(current, current.path() + location);
        }
        String directory = current.path().substring(0, current.path().lastIndexOf('/') + 1);
        return withTarget(current, removeDotSegments(directory + location));
    }

    /** {@code scheme://host[:port]/path?query}, or null when {@code text} is not absolute. */
    private static URL parseAbsolute(String text) {
        int colon = text.indexOf("://");
        if (colon <= 0 || !text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return null;
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 3);
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(rest.lastIndexOf('@', end - 1) + 1, end);
        String host = authority;
        int port = "https".equals(scheme) ? 443 : 80;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && portColon > authority.lastIndexOf(']')) {
            host = authority.substring(0, portColon);
            try {
                port = Integer.parseInt(authority.substring(portColon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad port in URL " + text, e);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("No host in URL " + text);
        }
        return withTarget(new URL(scheme, host.toLowerCase(Locale.ROOT), port, "/", null), rest.substring(end));
    }

    /** The origin of {@code origin} with a path[?query][#fragment] target; the fragment is dropped. */
    private static URL withTarget(URL origin, String target) {
        int hash = target.indexOf('#');
        if (hash >= 0) {
            target = target.substring(0, hash);
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        return origin.withPathAndQuery(path.isEmpty() ? "/" : encode(path), query == null ? null : encode(query));
    }

    /** Percent-encodes what can never be sent raw; keeps '%' so encoded (and deliberately bad) escapes go as written. */
    static String encode(String raw) {
        StringBuilder out = null;
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean unsafe = c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}[]".indexOf(c) >= 0;
            if (unsafe && out == null) {
                out = new StringBuilder(new String(bytes, 0, i, StandardCharsets.US_ASCII));
            }
            if (out != null) {
                if (unsafe) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                } else {
                    out.append((char) c);
                }
            }
        }
        return out == null ? raw : out.toString();
    }

    private static String removeDotSegments(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question);
        try {
            return URI.create("http://x" + encode(path)).normalize().getRawPath() + query;
        } catch (IllegalArgumentException badEscape) {
            return pathAndQuery;
        }
    }

    /** {@code host} or {@code host:port} when the port is not the scheme's default, for the Host header. */
    static String hostHeader(URL url) {
        String host = url.host().indexOf(':') >= 0 && !url.host().startsWith("[") ? "[" + url.host() + "]" : url.host();
        return url.defaultPort() ? host : host + ":" + url.port();
    }
}
