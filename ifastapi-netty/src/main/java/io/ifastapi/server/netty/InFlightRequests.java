package io.ifastapi.server.netty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests between dispatch and the end of their response, so that stop() can wait for them (up to the
 * shutdown grace). Per request it costs two atomic operations; the lock is taken only once someone waits. A lock
 * and condition, not a monitor, so that a virtual thread calling stop() does not pin its carrier.
 */
final class InFlightRequests {
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition none = lock.newCondition();
    private volatile boolean awaited;

    void enter() {
        count.incrementAndGet();
    }

    void exit() {
        // Decrement, then read the flag; awaitNone sets the flag, then reads the count: one of them sees the other.
        if (count.decrementAndGet() == 0 && awaited) {
            lock.lock();
            try {
                none.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until no request is in flight; false when the grace ran out first. Not interruptible: a stop finishes. */
    boolean awaitNone(Duration grace) {
        awaited = true;
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        lock.lock();
        try {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    none.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int count() {
        return count.get();
    }
}
