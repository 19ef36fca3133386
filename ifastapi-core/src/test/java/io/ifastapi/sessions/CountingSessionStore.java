package io.ifastapi.sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link SessionStore} with counters around it: every call is passed on unchanged and counted, and the
 * arguments of each {@code save} are kept, so a test can prove how many round trips a request cost and what was
 * written. Not a mock: the wrapped store does the work.
 */
public final class CountingSessionStore implements SessionStore {

    /** What one {@code save} was asked to write. */
    public record Save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {}

    private final SessionStore delegate;
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger saveCount = new AtomicInteger();
    private final AtomicInteger touches = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final List<Save> saves = new ArrayList<>();

    public CountingSessionStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    public SessionStore delegate() {
        return delegate;
    }

    @Override
    public Map<String, String> load(String id) {
        loads.incrementAndGet();
        return delegate.load(id);
    }

    @Override
    public void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        saveCount.incrementAndGet();
        synchronized (saves) {
            saves.add(new Save(id, Map.copyOf(upserts), Set.copyOf(removals), ttl));
        }
        delegate.save(id, upserts, removals, ttl);
    }

    /** Counted with the saves: both are writes of fields. */
    @Override
    public boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        saveCount.incrementAndGet();
        synchronized (saves) {
            saves.add(new Save(id, Map.copyOf(upserts), Set.copyOf(removals), ttl));
        }
        return delegate.update(id, upserts, removals, ttl);
    }

    @Override
    public boolean touch(String id, Duration ttl) {
        touches.incrementAndGet();
        return delegate.touch(id, ttl);
    }

    @Override
    public void delete(String id) {
        deletes.incrementAndGet();
        delegate.delete(id);
    }

    @Override
    public void close() {
        delegate.close();
    }

    public int loads() {
        return loads.get();
    }

    public int saveCount() {
        return saveCount.get();
    }

    public int touches() {
        return touches.get();
    }

    public int deletes() {
        return deletes.get();
    }

    /** Every call of any kind since the last {@link #reset()}. */
    public int roundTrips() {
        return loads() + saveCount() + touches() + deletes();
    }

    /** The saves since the last {@link #reset()}, oldest first. */
    public List<Save> saves() {
        synchronized (saves) {
            return List.copyOf(saves);
        }
    }

    public Save lastSave() {
        List<Save> all = saves();
        if (all.isEmpty()) {
            throw new AssertionError("the store was never asked to save");
        }
        return all.getLast();
    }

    /** Zeroes the counters, e.g. after a test's set-up requests. */
    public void reset() {
        loads.set(0);
        saveCount.set(0);
        touches.set(0);
        deletes.set(0);
        synchronized (saves) {
            saves.clear();
        }
    }

    @Override
    public String toString() {
        return "CountingSessionStore{loads=" + loads() + ", saves=" + saveCount() + ", touches=" + touches()
                + ", deletes=" + deletes() + "}";
    }
}
