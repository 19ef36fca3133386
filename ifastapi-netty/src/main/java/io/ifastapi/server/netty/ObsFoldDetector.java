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
    private boolean lineStart = true;
    private int lineLength;
    private boolean folded;

    void scan(ByteBuf buffer, int from, int to) {
        for (int i = from; i < to && inHead; i++) {
            byte b = buffer.getByte(i);
            if (b == '\n') {
                if (lineLength == 0 && !firstLine) {
                    inHead = false; // the empty line: the head is over
                } else if (lineLength > 0) {
                    firstLine = false;
                }
                lineStart = true;
                lineLength = 0;
            } else if (b != '\r') {
                if (lineStart && !firstLine && (b == ' ' || b == '\t')) {
                    folded = true;
                }
                lineStart = false;
                lineLength++;
            }
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
        lineStart = true;
        lineLength = 0;
        folded = false;
    }
}
