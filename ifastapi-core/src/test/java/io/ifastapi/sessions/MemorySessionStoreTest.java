package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MemorySessionStoreTest extends SessionStoreContractTest {

    /** A fake monotonic clock; starts far from zero to catch code that assumes nanoTime() is positive. */
    private final AtomicLong nanos = new AtomicLong(Long.MIN_VALUE / 2);

    @Override
    protected SessionStore createStore() {
        return new MemorySessionStore(MemorySessionStore.DEFAULT_MAX_SESSIONS, nanos::get);
    }

    @Override
    protected void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private MemorySessionStore storeOf(int maxSessions) {
        return new MemorySessionStore(maxSessions, nanos::get);
    }

    @Test
    void evictsTheLeastRecentlyUsedSessionWhenFullOfSessionsThatCameBack() {
        MemorySessionStore store = storeOf(3);
        store.save("a", Map.of("k", "1"), Set.of(), TTL);
        store.save("b", Map.of("k", "1"), Set.of(), TTL);
        store.save("c", Map.of("k", "1"), Set.of(), TTL);
        for (String id : new String[] {"b", "c", "a"}) {
            assertThat(store.update(id, Map.of("k", "2"), Set.of(), TTL)).isTrue(); // off probation
        }
        store.load("a"); // b is now the least recently used

        store.save("d", Map.of("k", "1"), Set.of(), TTL);
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.load("b")).isNull();

        store.update("d", Map.of(), Set.of(), TTL);
        store.touch("c", TTL); // order now: a, d, c
        store.save("e", Map.of("k", "1"), Set.of(), TTL);
        assertThat(store.load("a")).isNull();
        assertThat(store.load("c")).isNotNull();
        assertThat(store.load("d")).isNotNull();
        assertThat(store.load("e")).isNotNull();
    }

    /**
     * The flood of issue 10: new sessions that never come back push out only their own kind, oldest first, however
     * long ago the sessions that came back were last used.
     */
    @Test
    void whenFullNewSessionsThatNeverCameBackGoFirst() {
        MemorySessionStore store = storeOf(3);
        store.save("victim", Map.of("user", "\"alice\""), Set.of(), TTL);
        store.update("victim", Map.of("cart", "[]"), Set.of(), TTL); // the victim's second request
        for (int i = 0; i < 1_000; i++) {
            store.save("flood" + i, Map.of("k", "1"), Set.of(), TTL);
        }

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.load("victim")).containsEntry("user", "\"alice\"");
        assertThat(store.load("flood999")).as("the newest stays").isNotNull();
        assertThat(store.load("flood998")).isNotNull();
        assertThat(store.load("flood0")).isNull();
    }

    @Test
    void updatingASessionOfAFullStoreEvictsNothing() {
        MemorySessionStore store = storeOf(2);
        store.save("a", Map.of("k", "1"), Set.of(), TTL);
        store.save("b", Map.of("k", "1"), Set.of(), TTL);

        store.save("a", Map.of("k", "2"), Set.of(), TTL);

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.load("a")).isEqualTo(Map.of("k", "2"));
        assertThat(store.load("b")).isEqualTo(Map.of("k", "1"));
    }

    @Test
    void expiredSessionsGoBeforeLiveOnesAreEvicted() {
        MemorySessionStore store = storeOf(2);
        store.save("short", Map.of("k", "1"), Set.of(), Duration.ofMinutes(1));
        store.save("long", Map.of("k", "1"), Set.of(), Duration.ofHours(1));
        store.load("short"); // most recently used, but about to expire
        elapse(Duration.ofMinutes(2));

        store.save("new", Map.of("k", "1"), Set.of(), TTL);

        assertThat(store.load("long")).isNotNull();
        assertThat(store.load("new")).isNotNull();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void saveSweepsEveryExpiredSession() {
        MemorySessionStore store = storeOf(1_000);
        for (int i = 0; i < 500; i++) {
            store.save("old-" + i, Map.of("k", "1"), Set.of(), Duration.ofMinutes(1 + i % 5));
        }
        store.save("kept", Map.of("k", "1"), Set.of(), Duration.ofHours(1));
        elapse(Duration.ofMinutes(10));
        assertThat(store.size()).as("nothing runs in the background").isEqualTo(501);

        store.save("trigger", Map.of("k", "1"), Set.of(), TTL);

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.load("kept")).isNotNull();
    }

    @Test
    void loadRemovesAnExpiredSession() {
        MemorySessionStore store = storeOf(10);
        store.save("a", Map.of("k", "1"), Set.of(), Duration.ofMinutes(1));
        elapse(Duration.ofMinutes(2));

        assertThat(store.load("a")).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void startsNoThreads() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        MemorySessionStore store = storeOf(10);
        for (int i = 0; i < 100; i++) {
            store.save("s" + i, Map.of("k", "1"), Set.of(), Duration.ofSeconds(1));
            store.load("s" + (i / 2));
            elapse(Duration.ofMillis(100));
        }
        store.close();

        Set<String> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .collect(Collectors.toSet());
        assertThat(started).isEmpty();
    }

    @Test
    void maxSessionsMustBePositive() {
        assertThatThrownBy(() -> new MemorySessionStore(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSessions");
    }
}
