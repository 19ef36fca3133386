package io.ifastapi.server.jetty;

import io.ifastapi.http.HTTPException;
import io.ifastapi.internal.BodyWaitBudget;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request body as a blocking {@link InputStream} over Jetty's {@link Content.Source}, read on the request's
 * virtual thread. Two things differ from {@code Content.Source.asInputStream}, and both are why this class exists:
 * <ul>
 * <li>Failures to read the body are the client's doing (bad chunked encoding, a body cut short, a client too slow to
 *     send it), so they surface as {@link HTTPException} 4xx, never as an IOException the app would turn into a 500.
 * <li>{@link #close()} before the end does not fail the request (Jetty's stream would, and then no response could be
 *     written: a handler answering 413 after reading part of a body must still be heard). Jetty discards the unread
 *     rest after the response, or closes the connection when it cannot.
 * </ul>
 */
final class RequestBodyStream extends InputStream {
    private final Content.Source source;
    private Content.Chunk chunk;
    /** How much longer we may wait for the client (ServerConfig.minBodyRate). */
    private final BodyWaitBudget budget;
    /** The demand we wait on, until Jetty calls it back. */
    private CountDownLatch demand;
    private byte[] single; // for read(), created on first use

    RequestBodyStream(Content.Source source, BodyWaitBudget budget) {
        this.source = source;
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        if (single == null) {
            single = new byte[1];
        }
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (chunk == null) {
                chunk = nextChunk();
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                chunk = Content.Chunk.next(chunk); // a transient failure (a read timeout) may be followed by more
                throw toHttpException(failure);
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            if (buffer.hasRemaining()) {
                int n = Math.min(length, buffer.remaining());
                buffer.get(bytes, offset, n);
                if (!buffer.hasRemaining()) {
                    releaseChunk();
                }
                return n;
            }
            if (chunk.isLast()) {
                if (chunk != Content.Chunk.EOF) {
                    releaseChunk(); // keeps Content.Chunk.EOF in its place
                }
                return -1;
            }
            releaseChunk();
        }
    }

    /** True once the whole body was read (its last chunk reached). */
    boolean atEnd() {
        return chunk != null && chunk.isLast() && !Content.Chunk.isFailure(chunk) && !chunk.hasRemaining();
    }

    @Override
    public int available() {
        return chunk == null || Content.Chunk.isFailure(chunk) ? 0 : chunk.remaining();
    }

    @Override
    public void close() {
        if (chunk != null && !chunk.isLast()) {
            releaseChunk();
        }
    }

    private void releaseChunk() {
        boolean last = chunk.isLast();
        chunk.release();
        chunk = last ? Content.Chunk.EOF : null;
    }

    private Content.Chunk nextChunk() throws IOException {
        while (true) {
            Content.Chunk next = source.read();
            if (next != null) {
                budget.received(next.remaining());
                return next;
            }
            long left = budget.remainingNanos();
            if (left <= 0) {
                throw budget.tooSlow(); // 408; the body is unfinished, so the connection closes after the response
            }
            if (demand == null) { // a demand that timed out is still pending: Jetty allows one at a time
                demand = new CountDownLatch(1);
                source.demand(demand::countDown);
            }
            long start = System.nanoTime();
            try {
                if (demand.await(left, TimeUnit.NANOSECONDS)) {
                    demand = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while reading the request body");
            } finally {
                budget.waited(System.nanoTime() - start);
            }
        }
    }

    /**
     * What the client did wrong. Jetty reports bad chunked framing and a body cut short alike ("Early EOF", 400), so
     * the message covers both; it keeps its own status for anything else (413, ...), and a stalled body is a 408.
     */
    static HTTPException toHttpException(Throwable failure) {
        if (failure instanceof HttpException http && http.getCode() > 400 && http.getCode() < 500) {
            return new HTTPException(http.getCode(), http.getReason() == null ? "Bad request body" : http.getReason());
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new HTTPException(408, "Timed out waiting for the request body");
            }
        }
        return new HTTPException(400, "Malformed or incomplete request body");
    }
}
