package io.ifastapi.server.netty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Debug mode only ({@code app.debug(true)}): warns when a non-blocking route holds its event loop too long, as
 * Vert.x's blocked-thread checker does. Each event loop marks when it starts and ends such a request; a daemon
 * thread looks every quarter of the limit and logs, once per request and with the loop's stack at that moment,
 * any request still running past the limit. Every other connection of that loop waits meanwhile.
 */
final class BlockedLoopChecker {
    private static final Logger LOG = LoggerFactory.getLogger(BlockedLoopChecker.class);
    /** 100 ms, overridable with -Difastapi.blockedLoopWarningMs=... (Vert.x warns after 2 s; a request is ~10 µs). */
    static final long DEFAULT_LIMIT_MS = 100;

    /** What one event loop is running: written by that loop, read by the checker. */
    private static final class Slot {
        final Thread loop;
        volatile long startedAt;
        volatile String what;
        volatile boolean reported;

        Slot(Thread loop) {
            this.loop = loop;
        }
    }

    private final long limitNanos;
    private final ConcurrentHashMap<Thread, Slot> slots = new ConcurrentHashMap<>();
    private final Thread checker;

    BlockedLoopChecker(long limitMillis) {
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
        long period = Math.max(1, limitMillis / 4);
        this.checker = Thread.ofPlatform().daemon().name("ifastapi-blocked-loop-checker").unstarted(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(period);
                    check();
                }
            } catch (InterruptedException stopped) {
                // the server stopped
            }
        });
        checker.start();
    }

    static long configuredLimitMillis() {
        return Long.getLong("ifastapi.blockedLoopWarningMs", DEFAULT_LIMIT_MS);
    }

    /** Event loop: a non-blocking request starts running here. */
    void enter(String what) {
        Slot slot = slots.computeIfAbsent(Thread.currentThread(), Slot::new);
        slot.what = what;
        slot.reported = false;
        slot.startedAt = System.nanoTime();
    }

    /** Event loop: it is done. */
    void exit() {
        Slot slot = slots.get(Thread.currentThread());
        if (slot != null) {
            slot.startedAt = 0;
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (Slot slot : slots.values()) {
            long started = slot.startedAt;
            if (started != 0 && !slot.reported && now - started > limitNanos) {
                slot.reported = true;
                Throwable where = new Throwable("Stack of " + slot.loop.getName() + " now");
                where.setStackTrace(slot.loop.getStackTrace());
                if (slot.startedAt == started) { // still the same request: the stack is its own
                    LOG.warn("Event loop {} blocked for {} ms by the non-blocking route of {}: every other "
                                    + "connection of this loop waits. Remove .nonBlocking() from the route (or "
                                    + "nonBlocking(false)), or take the blocking call out of its handler, middleware "
                                    + "and dependencies", slot.loop.getName(),
                            TimeUnit.NANOSECONDS.toMillis(now - started), slot.what, where);
                }
            }
        }
    }

    void stop() {
        checker.interrupt();
    }
}
