package io.ifastapi.server.netty;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;

import java.util.Date;

/**
 * The Date header value, formatted at most once a second and shared by every response of that second (RFC 9110 asks
 * for second precision only). A response costs a clock read and a volatile read, not a date formatting. The value is
 * an AsciiString, which Netty's encoder copies to the wire without encoding it again.
 */
final class HttpDate {
    private record Stamp(long second, AsciiString value) {
    }

    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

    AsciiString now() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        Stamp current = stamp;
        if (current.second != second) {
            // Racing threads may both format it: harmless, and cheaper than any lock on this path.
            current = new Stamp(second, AsciiString.cached(DateFormatter.format(new Date(second * 1000))));
            stamp = current;
        }
        return current.value;
    }
}
