package io.ifastapi.sessions.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.SessionStoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis goes away, hangs, or never was there: the store fails within its timeout and heals by itself. */
@Timeout(60)
class RedisSessionStoreFaultTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Scheduling slack on top of the timeout; far below what a hang would take. */
    private static final Duration MARGIN = Duration.ofMillis(700);
    private static final Duration TTL = Duration.ofMinutes(5);

    private final String id = UUID.randomUUID().toString();

    private SessionStore connect() {
        return RedisSessionStore.builder().uri(REDIS.server().uri()).commandTimeout(TIMEOUT).build();
    }

    @Test
    void failsFastWhileRedisIsDownAndRecoversWhenItIsBack() throws Exception {
        try (SessionStore store = connect()) {
            store.save(id, Map.of("a", "1"), Set.of(), TTL);

            REDIS.server().stop();
            for (Consumer<SessionStore> operation : operations()) {
                Duration took = timeFailure(store, operation);
                System.out.println("redis down: failed after " + took.toMillis() + " ms");
                assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
            }

            REDIS.server().start();
            Duration recovery = awaitRecovery(store, Duration.ofSeconds(10));
            System.out.println("redis restarted: store recovered after " + recovery.toMillis() + " ms");
            assertThat(recovery).as("reconnects within the maximum back-off plus slack")
                    .isLessThan(RedisSessionStore.MAX_RECONNECT_DELAY.plusSeconds(3));
            assertThat(store.load(id)).as("a restarted server without persistence is empty").isNull();
            store.save(id, Map.of("b", "2"), Set.of(), TTL);
            assertThat(store.load(id)).isEqualTo(Map.of("b", "2"));
        }
    }

    @Test
    void timesOutWhileRedisHangsAndRecoversWhenItAnswers() throws Exception {
        try (SessionStore store = connect()) {
            store.save(id, Map.of("a", "1"), Set.of(), TTL);

            REDIS.server().freeze();
            try {
                for (Consumer<SessionStore> operation : operations()) {
                    Duration took = timeFailure(store, operation);
                    System.out.println("redis frozen: failed after " + took.toMillis() + " ms");
                    assertThat(took).as("waited for the timeout, no longer")
                            .isBetween(TIMEOUT.minusMillis(100), TIMEOUT.plus(MARGIN));
                }
            } finally {
                REDIS.server().thaw();
            }

            System.out.println("redis thawed: store recovered after "
                    + awaitRecovery(store, Duration.ofSeconds(10)).toMillis() + " ms");
            store.save(id, Map.of("b", "2"), Set.of(), TTL);
            assertThat(store.load(id)).containsEntry("b", "2");
        }
    }

    /**
     * Issue 10: a write answered 503 while Redis hung may still be applied once Redis answers again (the command was
     * already sent). Writes are idempotent, so the retry after the 503 leaves the session as one write would.
     */
    @Test
    void aWriteThatTimedOutAndIsRetriedLeavesWhatOneWriteLeaves() throws Exception {
        try (SessionStore store = connect()) {
            store.save(id, Map.of("a", "1", "b", "2"), Set.of(), TTL);

            REDIS.server().freeze();
            try {
                assertThatThrownBy(() -> store.update(id, Map.of("c", "3"), Set.of("b"), TTL))
                        .isInstanceOf(SessionStoreException.class);
            } finally {
                REDIS.server().thaw();
            }
            awaitRecovery(store, Duration.ofSeconds(10));
            assertThat(store.update(id, Map.of("c", "3"), Set.of("b"), TTL)).as("the retry").isTrue();

            assertThat(store.load(id)).isEqualTo(Map.of("a", "1", "c", "3"));
        }
    }

    @Test
    void connectFailsWithinTheTimeoutWhenNothingListensAndLeavesNoThreads() throws Exception {
        String nowhere = "redis://:s3cret-password@127.0.0.1:" + RedisServer.freePort();
        Set<Thread> before = Threads.live();
        long start = System.nanoTime();

        assertThatThrownBy(() -> RedisSessionStore.builder().uri(nowhere).commandTimeout(TIMEOUT).build())
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("cannot connect to redis://127.0.0.1:")
                .hasMessageContaining("Check that Redis is running")
                .message().doesNotContain("s3cret-password");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(Threads.awaitDeath(Threads.startedSince(before), Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void aClosedStoreFailsWithSessionStoreException() {
        SessionStore store = connect();
        store.close();
        store.close(); // idempotent

        assertThatThrownBy(() -> store.load(id))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("load after close()");
    }

    private static List<Consumer<SessionStore>> operations() {
        String id = UUID.randomUUID().toString();
        return List.of(
                store -> store.load(id),
                store -> store.save(id, Map.of("during", "1"), Set.of(), TTL),
                store -> store.update(id, Map.of("during", "1"), Set.of(), TTL),
                store -> store.touch(id, TTL),
                store -> store.delete(id));
    }

    /** Runs an operation that must fail with SessionStoreException; returns how long it took. */
    private static Duration timeFailure(SessionStore store, Consumer<SessionStore> operation) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> operation.accept(store))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageStartingWith("Redis session store: ")
                .hasMessageContaining("redis://127.0.0.1:" + REDIS.server().port());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Polls until the store answers again; returns how long that took. */
    private Duration awaitRecovery(SessionStore store, Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            try {
                store.load(id);
                return Duration.ofNanos(System.nanoTime() - start);
            } catch (SessionStoreException notYet) {
                if (System.nanoTime() - start > patience.toNanos()) {
                    throw new AssertionError("the store did not recover within " + patience, notYet);
                }
                Thread.sleep(20);
            }
        }
    }
}
