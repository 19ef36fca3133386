package io.ifastapi.server.jetty;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streaming response body on its way to the client: Jetty's buffered sink (small writes are aggregated up to the
 * output buffer size; {@code flush()} sends what is buffered as a chunk now), plus a record of whether the client
 * side failed. That is what tells a client that went away (routine, logged at debug) from a body that threw (a bug,
 * logged as an error) when the app's {@code writeTo} ends in an exception.
 */
final class ResponseBodyStream extends OutputStream {
    private final OutputStream out;
    private boolean clientFailed;

    ResponseBodyStream(Request request, Response response) {
        this.out = Response.asBufferedOutputStream(request, response);
    }

    /** True when writing to the client failed (it disconnected, or stopped reading until the idle timeout). */
    boolean clientFailed() {
        return clientFailed;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
    }

    /**
     * Does nothing: the adapter ends the body with {@link #finish()} once {@code writeTo} has returned normally.
     * A body that wraps this stream in a writer inside try-with-resources closes it even when it throws; ending
     * the body there would let the client take a truncated body for a whole one.
     */
    @Override
    public void close() {
    }

    /** Ends the body: the last chunk (or, if it all fit in the buffer, the whole body with a Content-Length). */
    void finish() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
    }
}
