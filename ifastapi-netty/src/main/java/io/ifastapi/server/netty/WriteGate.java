package io.ifastapi.server.netty;

import io.netty.channel.Channel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Backpressure for a response body written from a virtual thread: after each write the writer waits here while
 * the channel is not writable (Netty's outbound buffer is above its high-water mark, queued write tasks included),
 * so a slow client slows the handler down instead of filling the heap. The event loop opens the gate on every
 * writability change and when the connection closes. A lock, not a monitor: waiting must not pin the carrier.
 */
final class WriteGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean waiting;

    /** Blocks until {@code channel} is writable; IOException when it closed (the client went away). */
    void await(Channel channel) throws IOException {
        if (!channel.isWritable()) {
            lock.lock();
            try {
                waiting = true;
                while (!channel.isWritable() && channel.isActive()) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the client to read");
            } finally {
                waiting = false;
                lock.unlock();
            }
        }
        if (!channel.isActive()) {
            throw new IOException("The client closed the connection");
        }
    }

    /** Event loop: writability changed, or the channel closed. */
    void signal() {
        if (waiting) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** True while a writer waits for the client to read: what the idle timeout must end. */
    boolean writerWaiting() {
        return waiting;
    }
}
