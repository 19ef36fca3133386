package io.ifastapi.server.netty;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * A request the adapter answers itself, before the app sees it (malformed, unsupported, or arriving during
 * shutdown): the status and the {@code detail} of the JSON error. Thrown by the parsers of the request head and
 * caught by the connection, which answers and closes. No stack trace: it is a verdict on the client's bytes, not a
 * bug, and it may be thrown for every request of a hostile client.
 */
final class RequestRejected extends Exception {
    private final int status;

    RequestRejected(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    static RequestRejected badRequest(String detail) {
        return new RequestRejected(400, detail);
    }

    /** What Netty's decoder failed on, as the status Jetty answers for the same mistake. */
    static RequestRejected decoderFailure(Throwable cause, int maxHeaderBytes) {
        if (cause instanceof TooLongHttpLineException) {
            return new RequestRejected(414, "Request line longer than " + maxHeaderBytes + " bytes");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new RequestRejected(431, "Request headers larger than " + maxHeaderBytes + " bytes");
        }
        String message = cause.getMessage();
        return badRequest(message == null || message.isBlank() ? "Bad request" : message);
    }

    int status() {
        return status;
    }

    String detail() {
        return getMessage();
    }
}
