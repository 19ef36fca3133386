package io.ifastapi.staticfiles;

/** The one byte range of a {@code Range} header (RFC 9110 14.1.2), for {@link StaticFiles}. */
final class ByteRange {
    private ByteRange() {
    }

    /**
     * {@code {first, last}} (inclusive) of a single satisfiable range; an empty array when the range cannot be
     * satisfied (it starts at or past the end, or asks for a zero-length suffix): 416; null when the header is
     * malformed, not in bytes, or asks for several ranges: the whole file is served.
     */
    static long[] parse(String header, long size) {
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = value.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) { // bytes=-N: the last N bytes
                long suffix = digits(last);
                if (suffix == 0 || size == 0) {
                    return new long[0];
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = digits(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : digits(last);
            if (end < start) {
                return null; // invalid syntax: ignored
            }
            if (start >= size) {
                return new long[0];
            }
            return new long[] {start, Math.min(end, size - 1)};
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    /** Only ASCII digits (Long.parseLong also takes a sign). */
    private static long digits(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(text);
    }
}
