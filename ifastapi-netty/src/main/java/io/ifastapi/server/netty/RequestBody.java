package io.ifastapi.server.netty;

import io.ifastapi.http.HTTPException;
import io.ifastapi.internal.BodyWaitBudget;
import io.netty.buffer.ByteBuf;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request body as a blocking {@link InputStream}, read on the request's virtual thread, fed by the event loop
 * with the decoder's chunks. Never an unbounded buffer: above {@link #PAUSE_AT} queued bytes the connection stops
 * reading from the socket (TCP then slows the client down), and reading resumes when the app has taken the queue
 * below {@link #RESUME_AT}. The app's size limit is {@code Request}'s business; this class only bounds memory.
 *
 * <p>As with the Jetty adapter, failures are the client's doing and surface as {@link HTTPException}s (400 for a
 * malformed or cut-short body, 408 when it stalls past the idle timeout), never as an IOException the app would
 * turn into a 500. {@code Expect: 100-continue} is answered when the app first reads, so a request refused before
 * (413 by Content-Length) never invites its body.
 */
final class RequestBody extends InputStream {
    static final int PAUSE_AT = 64 * 1024;
    static final int RESUME_AT = 16 * 1024;

    /** What the body needs from its connection; called outside the lock, from the reading thread. */
    interface Flow {
        void sendContinue();

        void resumeReading();
    }

    private final Flow flow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private int queued;
    private boolean ended;
    private boolean discarding;
    private boolean abandoned;
    private boolean paused;
    private boolean continuePending;
    private boolean readerWaiting;
    private HTTPException failure;
    private byte[] single;
    /** Guarded by the lock: how much longer the reader may wait for the client (ServerConfig.minBodyRate). */
    private final BodyWaitBudget budget;

    RequestBody(Flow flow, boolean expectContinue, BodyWaitBudget budget) {
        this.flow = flow;
        this.continuePending = expectContinue;
        this.budget = budget;
    }

    // ----- event loop side -----

    /**
     * Takes ownership of a chunk of the body; true when the connection should stop reading until the app has
     * caught up ({@link Flow#resumeReading()} says when).
     */
    boolean offer(ByteBuf chunk, boolean last) {
        lock.lock();
        try {
            if (last) {
                ended = true;
            }
            if (discarding || failure != null || !chunk.isReadable()) {
                chunk.release();
            } else {
                chunks.add(chunk);
                queued += chunk.readableBytes();
                budget.received(chunk.readableBytes());
                if (queued >= PAUSE_AT) {
                    paused = true;
                }
            }
            arrived.signal();
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /** The body will not complete: the client sent it malformed, went away, or stalled. */
    void fail(HTTPException error) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = error;
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fails a read that is waiting for bytes with a 408; false when nobody waits (the app is busy, not stalled). */
    boolean timeOutWaitingReader() {
        lock.lock();
        try {
            if (!readerWaiting) {
                return false;
            }
            fail(new HTTPException(408, "Timed out waiting for the request body"));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when the app was done with the body (or the exchange ended) before the body's end had arrived: the
     * connection then closes after the response, as Jetty's does, rather than read and discard an unknown rest.
     */
    boolean abandoned() {
        lock.lock();
        try {
            return abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** True while the connection should not read more of this body. */
    boolean paused() {
        lock.lock();
        try {
            return paused && !discarding;
        } finally {
            lock.unlock();
        }
    }

    // ----- reader side -----

    @Override
    public int read() throws InterruptedIOException {
        if (single == null) {
            single = new byte[1];
        }
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws InterruptedIOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        boolean resume = false;
        lock.lock();
        try {
            if (continuePending) {
                continuePending = false;
                lock.unlock();
                try {
                    flow.sendContinue(); // before we wait: the client sends nothing until it has it
                } finally {
                    lock.lock();
                }
            }
            while (chunks.isEmpty() && !ended && failure == null) {
                long left = budget.remainingNanos();
                if (left <= 0) { // the client sends slower than minBodyRate: 408, and the connection closes
                    failure = budget.tooSlow();
                    break;
                }
                readerWaiting = true;
                long start = System.nanoTime();
                try {
                    arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while reading the request body");
                } finally {
                    readerWaiting = false;
                    budget.waited(System.nanoTime() - start);
                }
            }
            ByteBuf head = chunks.peek();
            if (head == null) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            int n = Math.min(length, head.readableBytes());
            head.readBytes(bytes, offset, n);
            if (!head.isReadable()) {
                chunks.poll().release();
            }
            queued -= n;
            if (paused && queued <= RESUME_AT) {
                paused = false;
                resume = true;
            }
            return n;
        } finally {
            lock.unlock();
            if (resume) {
                flow.resumeReading();
            }
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The app is done with the body (or the exchange is over): what is queued is released and what still arrives is
     * dropped. If its end had not arrived yet, the body is {@link #abandoned()}.
     */
    @Override
    public void close() {
        boolean resume;
        lock.lock();
        try {
            if (!discarding) {
                abandoned = !ended;
            }
            discarding = true;
            continuePending = false;
            for (ByteBuf chunk; (chunk = chunks.poll()) != null; ) {
                chunk.release();
            }
            queued = 0;
            resume = paused;
            paused = false;
        } finally {
            lock.unlock();
        }
        if (resume) {
            flow.resumeReading();
        }
    }
}
