package io.ifastapi.middleware;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Host header split into host and port, or rejected when it holds characters that could change the URL's
 * authority or path (Starlette's {@code parse_host_header}). The host keeps its case and the brackets of an IP
 * literal; the port is kept as written.
 */
record HostHeader(String host, String port) {
    private static final Pattern HOST = Pattern.compile(
            "(?<host>[a-z0-9._~%!$&'()*+,;=-]+|\\[(?:(?<ipv6>[a-f0-9]*:[a-f0-9.:]+)|"
                    + "(?-i:v)[a-f0-9]+\\.[a-z0-9._~!$&'()*+,;=:-]+)])(?::(?<port>[0-9]+))?",
            Pattern.CASE_INSENSITIVE);

    /** The parsed header, or null when it is absent or invalid. */
    static HostHeader parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = HOST.matcher(header);
        if (!m.matches()) {
            return null;
        }
        String ipv6 = m.group("ipv6");
        if (ipv6 != null && !validIpv6(ipv6)) {
            return null;
        }
        return new HostHeader(m.group("host"), m.group("port"));
    }

    /** host[:port], as written. */
    String authority() {
        return port == null ? host : host + ":" + port;
    }

    /** A port of at most 65535 (leading zeros allowed), or none. */
    boolean validPort() {
        if (port == null) {
            return true;
        }
        String digits = port.replaceFirst("^0+", "");
        return digits.length() <= 5 && (digits.isEmpty() || Integer.parseInt(digits) <= 65535);
    }

    /** The port as a number, or -1 when none was given. */
    int portNumber() {
        return port == null ? -1 : Integer.parseInt(port.replaceFirst("^0+(?=.)", ""));
    }

    /** Python's {@code urlsplit(...).hostname}: lower case, without the brackets of an IP literal. */
    String hostname() {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT);
    }

    /** What Python's ipaddress.IPv6Address accepts: eight groups, or fewer with one "::", an IPv4 tail allowed. */
    private static boolean validIpv6(String text) {
        String s = text;
        int lastColon = s.lastIndexOf(':');
        String tail = s.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            if (!validIpv4(tail)) {
                return false;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] parts = s.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                boolean edgeOfDoubleColon = doubleColon >= 0;
                if (!edgeOfDoubleColon) {
                    return false;
                }
                continue;
            }
            if (part.length() > 4) {
                return false;
            }
            groups++;
        }
        if (doubleColon >= 0) {
            // a single leading or trailing colon outside the "::" is invalid (":1::2", "1::2:")
            if ((s.startsWith(":") && !s.startsWith("::")) || (s.endsWith(":") && !s.endsWith("::"))) {
                return false;
            }
            return groups <= 7;
        }
        return groups == 8;
    }

    private static boolean validIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(octet) > 255 || (octet.length() > 1 && octet.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }
}
