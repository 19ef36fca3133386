package io.ifastapi.server.netty;

import io.netty.util.AsciiString;

/**
 * Request header names as the app sees them: a well-known name in its canonical case, whatever case the client
 * used ({@code user-agent} becomes {@code User-Agent}), as Jetty presents them; any other name as sent. So both
 * adapters show the app the same {@code headers().names()}, and a known name costs no String allocation.
 *
 * <p>A small open-addressing table keyed by Netty's case-insensitive ASCII hash: one hash and one comparison per
 * header, no lower-casing.
 */
final class HeaderNames {
    /** Jetty's HttpHeader names, less pseudo-headers. */
    private static final String[] KNOWN = {
            "Connection", "Cache-Control", "Date", "Pragma", "Proxy-Connection", "Trailer", "Transfer-Encoding",
            "Upgrade", "Via", "Warning", "Negotiate", "Allow", "Content-Disposition", "Content-Encoding",
            "Content-Language", "Content-Length", "Content-Location", "Content-MD5", "Content-Range",
            "Content-Transfer-Encoding", "Content-Type", "Expires", "Last-Modified", "Accept", "Accept-Charset",
            "Accept-Encoding", "Accept-Language", "Access-Control-Request-Headers", "Access-Control-Request-Method",
            "Authorization", "Expect", "Forwarded", "From", "Host", "If-Match", "If-Modified-Since", "If-None-Match",
            "If-Range", "If-Unmodified-Since", "Keep-Alive", "Max-Forwards", "Proxy-Authorization", "Range",
            "Request-Range", "Referer", "TE", "User-Agent", "X-Forwarded-For", "X-Forwarded-Port",
            "X-Forwarded-Proto", "X-Forwarded-Server", "X-Forwarded-Host", "Accept-Ranges",
            "Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
            "Access-Control-Max-Age", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers", "Age",
            "Alt-Svc", "ETag", "Link", "Location", "Proxy-Authenticate", "Retry-After", "Server", "Servlet-Engine",
            "Timing-Allow-Origin", "Vary", "WWW-Authenticate", "Origin", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol", "Sec-WebSocket-Accept",
            "Cookie", "Set-Cookie", "Set-Cookie2", "MIME-Version", "X-Powered-By", "HTTP2-Settings",
            "Strict-Transport-Security"};
    private static final String[] TABLE = new String[256]; // a power of two, over three times KNOWN.length
    private static final int MASK = TABLE.length - 1;

    static {
        for (String name : KNOWN) {
            int slot = AsciiString.hashCode(name) & MASK;
            while (TABLE[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = name;
        }
    }

    private HeaderNames() {
    }

    static String canonical(CharSequence name) {
        for (int slot = AsciiString.hashCode(name) & MASK; TABLE[slot] != null; slot = (slot + 1) & MASK) {
            if (AsciiString.contentEqualsIgnoreCase(TABLE[slot], name)) {
                return TABLE[slot];
            }
        }
        return name.toString();
    }
}
