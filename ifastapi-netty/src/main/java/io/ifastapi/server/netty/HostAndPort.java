package io.ifastapi.server.netty;

/**
 * The Host header (or the authority of an absolute-form target), checked as Jetty checks it: not blank, a
 * registered name, IPv4 or bracketed IPv6 literal, and a port from 0 to 65535. No port means the scheme's (80).
 *
 * @param host as sent: a name, an IPv4 address or a bracketed IPv6 literal ({@code [::1]})
 */
record HostAndPort(String host, int port) {
    private static final int HTTP_PORT = 80;
    /** RFC 3986 reg-name characters (unreserved, sub-delims, '%' of pct-encoded). */
    private static final boolean[] NAME = new boolean[128];

    static {
        String name = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=%";
        for (int i = 0; i < name.length(); i++) {
            NAME[name.charAt(i)] = true;
        }
    }

    static HostAndPort parse(String value) throws RequestRejected {
        String authority = value.trim();
        if (authority.isEmpty()) {
            throw RequestRejected.badRequest("Blank Host");
        }
        int portStart;
        String host;
        if (authority.charAt(0) == '[') {
            int close = authority.indexOf(']');
            if (close < 0 || !ipv6(authority, 1, close)) {
                throw RequestRejected.badRequest("Bad Host");
            }
            host = authority.substring(0, close + 1);
            portStart = close + 1;
        } else {
            int colon = authority.indexOf(':');
            portStart = colon < 0 ? authority.length() : colon;
            host = authority.substring(0, portStart);
            if (host.isEmpty() || !regName(host)) {
                throw RequestRejected.badRequest("Bad Host");
            }
        }
        if (portStart == authority.length()) {
            return new HostAndPort(host, HTTP_PORT);
        }
        if (authority.charAt(portStart) != ':') {
            throw RequestRejected.badRequest("Bad Host");
        }
        return new HostAndPort(host, port(authority, portStart + 1));
    }

    private static boolean regName(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 128 || !NAME[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6(String s, int start, int end) {
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static int port(String s, int start) throws RequestRejected {
        int length = s.length() - start;
        if (length < 1 || length > 5) {
            throw RequestRejected.badRequest("Bad Host port");
        }
        int port = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw RequestRejected.badRequest("Bad Host port");
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw RequestRejected.badRequest("Bad Host port");
        }
        return port;
    }
}
