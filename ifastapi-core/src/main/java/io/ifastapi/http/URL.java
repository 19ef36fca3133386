package io.ifastapi.http;

/**
 * The request URL as parts. {@code path} and {@code query} are raw (still percent-encoded), as on the wire;
 * {@link Request#path()} gives the decoded path.
 */
public record URL(String scheme, String host, int port, String path, String query) {

    /** True when the port is the scheme's default and so is left out of the URL. */
    public boolean defaultPort() {
        return port < 0 || (port == 80 && ("http".equals(scheme) || "ws".equals(scheme)))
                || (port == 443 && ("https".equals(scheme) || "wss".equals(scheme)));
    }

    /** scheme://host[:port] */
    public String origin() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + (defaultPort() ? "" : ":" + port);
    }

    /** This URL with another path and query (both raw). */
    public URL withPathAndQuery(String newPath, String newQuery) {
        return new URL(scheme, host, port, newPath, newQuery);
    }

    @Override
    public String toString() {
        return origin() + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
