package io.ifastapi.sessions;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The embedded default {@link SessionStore}: sessions in this JVM's memory, lost on restart and not shared
 * between nodes (use the Redis store for several nodes).
 *
 * <p><b>Expiry.</b> A session expires when it has not been saved or touched for its time to live. Expired
 * sessions are never returned; they are removed when accessed, and every {@link #save} first sweeps all
 * expired sessions (soonest expiry first, so the cost is amortised: each session is swept once). There is no
 * background thread, so nothing is left running at shutdown.
 *
 * <p><b>Bound, and floods.</b> At most {@code maxSessions} sessions are kept (default
 * {@value #DEFAULT_MAX_SESSIONS}). A session created by {@link #save} is <em>on probation</em> until its first
 * {@link #update}, which the middleware makes on the session's second request. When a save creates a session in a
 * full store, expired sessions are swept first, then the oldest session still on probation is evicted, and only when
 * none is on probation the least recently used session (the one whose last {@code load}, {@code save},
 * {@code update} or {@code touch} is oldest). So a client that mints new sessions without ever coming back (one
 * anonymous client writing a million sessions) only pushes out its own kind, never a user who returned. An evicted
 * user simply starts a new session.
 *
 * <p><b>Concurrency.</b> One {@link ReentrantLock} guards the maps (a lock rather than {@code synchronized},
 * so virtual threads never pin a carrier). Exact LRU needs one global order, and the critical sections are
 * short and never block: copying one session's fields and O(log n) bookkeeping. Field maps are immutable and
 * replaced on each save, so {@link #load} hands out the stored map itself without copying or aliasing.
 */
public final class MemorySessionStore implements SessionStore {

    public static final int DEFAULT_MAX_SESSIONS = 100_000;

    /** One stored session; immutable, replaced on every change so that the expiry order stays valid. */
    private record Entry(String id, Map<String, String> fields, long expiresAt) {}

    private static final Comparator<Entry> BY_EXPIRY =
            Comparator.comparingLong(Entry::expiresAt).thenComparing(Entry::id);

    private final int maxSessions;
    private final LongSupplier nanoTime;
    private final long origin;
    private final ReentrantLock lock = new ReentrantLock();
    /** Sessions created and not updated since, oldest first: the first to evict when full. */
    private final LinkedHashSet<String> onProbation = new LinkedHashSet<>();
    /** Access order: iteration starts at the least recently used session, the next to evict. */
    private final LinkedHashMap<String, Entry> byRecency = new LinkedHashMap<>(16, 0.75f, true);
    /** Soonest expiry first, so a sweep stops at the first live session. */
    private final TreeSet<Entry> byExpiry = new TreeSet<>(BY_EXPIRY);

    /** A store for up to {@value #DEFAULT_MAX_SESSIONS} sessions on the system clock. */
    public MemorySessionStore() {
        this(DEFAULT_MAX_SESSIONS);
    }

    /** A store for up to {@code maxSessions} sessions on the system clock. */
    public MemorySessionStore(int maxSessions) {
        this(maxSessions, System::nanoTime);
    }

    /**
     * A store for up to {@code maxSessions} sessions on the given clock.
     *
     * @param nanoTime a monotonic clock in nanoseconds like {@link System#nanoTime()}; tests pass a fake one
     *     to expire sessions without sleeping
     */
    public MemorySessionStore(int maxSessions, LongSupplier nanoTime) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
        }
        this.maxSessions = maxSessions;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.origin = nanoTime.getAsLong();
    }

    /** In memory, under one lock held for short critical sections: never blocks for long. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public Map<String, String> load(String id) {
        Objects.requireNonNull(id, "id");
        lock.lock();
        try {
            Entry entry = liveEntry(id, now());
            return entry == null ? null : entry.fields();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        write(id, upserts, removals, ttl, true);
    }

    @Override
    public boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        return write(id, upserts, removals, ttl, false);
    }

    /** save and update: {@code create} says whether an absent session is created (save) or left absent (update). */
    private boolean write(String id, Map<String, String> upserts, Set<String> removals, Duration ttl,
                          boolean create) {
        Objects.requireNonNull(id, "id");
        // Copy the arguments before taking the lock: the caller may change them afterwards.
        Map<String, String> changes = Map.copyOf(upserts);
        Set<String> removed = Set.copyOf(removals);
        long ttlNanos = ttlNanos(ttl);
        lock.lock();
        try {
            long now = now();
            sweep(now);
            Entry old = byRecency.get(id);
            if (old == null && !create) {
                return false; // deleted, expired or never saved: an update never brings a session back
            }
            boolean wasOnProbation = onProbation.contains(id);
            Map<String, String> fields = new HashMap<>(old == null ? Map.of() : old.fields());
            fields.putAll(changes);
            fields.keySet().removeAll(removed);
            if (old != null) {
                remove(old);
            }
            if (fields.isEmpty()) {
                return true;
            }
            if (old == null && byRecency.size() >= maxSessions) {
                evictOne();
            }
            put(new Entry(id, Collections.unmodifiableMap(fields), expiresAt(now, ttlNanos)));
            if (old == null || (create && wasOnProbation)) { // an update ends probation
                onProbation.add(id);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest session on probation, or else the least recently used one. Call with the lock held. */
    private void evictOne() {
        Iterator<String> probation = onProbation.iterator();
        String victim = probation.hasNext() ? probation.next() : byRecency.keySet().iterator().next();
        remove(byRecency.get(victim));
    }

    @Override
    public boolean touch(String id, Duration ttl) {
        Objects.requireNonNull(id, "id");
        long ttlNanos = ttlNanos(ttl);
        lock.lock();
        try {
            long now = now();
            Entry entry = liveEntry(id, now);
            if (entry == null) {
                return false;
            }
            byExpiry.remove(entry);
            put(new Entry(id, entry.fields(), expiresAt(now, ttlNanos)));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(String id) {
        Objects.requireNonNull(id, "id");
        lock.lock();
        try {
            Entry entry = byRecency.get(id);
            if (entry != null) {
                remove(entry);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many sessions are held, including expired ones not yet swept; for tests and metrics. */
    public int size() {
        lock.lock();
        try {
            return byRecency.size();
        } finally {
            lock.unlock();
        }
    }

    /** The entry if present and live, marking it used; removes it if expired. Call with the lock held. */
    private Entry liveEntry(String id, long now) {
        Entry entry = byRecency.get(id);
        if (entry != null && entry.expiresAt() <= now) {
            remove(entry);
            return null;
        }
        return entry;
    }

    /** Removes every expired session, soonest expiry first. Call with the lock held. */
    private void sweep(long now) {
        for (Iterator<Entry> it = byExpiry.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.expiresAt() > now) {
                return;
            }
            it.remove();
            byRecency.remove(entry.id());
            onProbation.remove(entry.id());
        }
    }

    private void put(Entry entry) {
        byRecency.put(entry.id(), entry);
        byExpiry.add(entry);
    }

    private void remove(Entry entry) {
        onProbation.remove(entry.id());
        byRecency.remove(entry.id());
        byExpiry.remove(entry);
    }

    /** Nanoseconds since this store was created: never negative, so deadlines compare without overflow. */
    private long now() {
        return nanoTime.getAsLong() - origin;
    }

    private static long expiresAt(long now, long ttlNanos) {
        return ttlNanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ttlNanos;
    }

    private static long ttlNanos(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        try {
            return ttl.toNanos();
        } catch (ArithmeticException beyond292Years) {
            return Long.MAX_VALUE;
        }
    }
}
