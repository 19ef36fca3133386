package io.ifastapi.server.netty;

import io.netty.buffer.ByteBuf;

/**
 * Finds obsolete line folding (a header line that starts with a space or a tab, RFC 9112 section 5.2) in the bytes
 * of a request head as the decoder consumes them, possibly over several reads. Netty's decoder silently joins such
 * a line to the previous header; uvicorn and Jetty answer 400, and so do we. Body bytes are not scanned: the scan
 * stops at the empty line that ends the head, until the next request.
 */
final class ObsFoldDetector {
    private boolean inHead = true;
    private boolean firstLine = true;
    /** Whether the current line has had a byte other than CR yet: its first such byte decides a fold. */
    private boolean lineHasText;
    private boolean folded;

    /**
     * Scans {@code buffer[from, to)}. Only the first bytes of each line are looked at: the rest of a line is skipped
     * by {@link ByteBuf#indexOf}, which searches eight bytes at a time (a byte-by-byte loop here cost about a tenth
     * of the event loop's CPU on a small request, as JFR showed).
     */
    void scan(ByteBuf buffer, int from, int to) {
        int i = from;
        while (i < to && inHead) {
            int newline = buffer.indexOf(i, to, (byte) '\n');
            int lineEnd = newline < 0 ? to : newline;
            for (int j = i; j < lineEnd && !lineHasText; j++) {
                byte b = buffer.getByte(j);
                if (b != '\r') {
                    if (!firstLine && (b == ' ' || b == '\t')) {
                        folded = true;
                    }
                    lineHasText = true;
                }
            }
            if (newline < 0) {
                return; // the line goes on in the next read
            }
            if (!lineHasText && !firstLine) {
                inHead = false; // the empty line: the head is over
            } else if (lineHasText) {
                firstLine = false;
            }
            lineHasText = false;
            i = newline + 1;
        }
    }

    /** Whether the current request's head had a folded line. */
    boolean folded() {
        return folded;
    }

    /** The bytes from now on are the next request's. */
    void nextRequest() {
        inHead = true;
        firstLine = true;
        lineHasText = false;
        folded = false;
    }
}
