package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link SessionStore} must have. A store module extends this class (it ships in
 * ifastapi-core's test-jar), says how to create a fresh store and how to let time pass, and adds its own tests.
 */
@Timeout(60)
public abstract class SessionStoreContractTest {

    protected static final Duration TTL = Duration.ofMinutes(30);

    protected SessionStore store;

    /** A new, empty store for one test; closed after it. Stores sharing a backend may use a fresh key prefix. */
    protected abstract SessionStore createStore();

    /** Lets {@code duration} pass as the store sees it: advance a fake clock, or sleep. */
    protected abstract void elapse(Duration duration) throws InterruptedException;

    /** The time to live used by the expiry tests; real-clock stores should keep it about a second. */
    protected Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A random id, as the middleware would mint, so tests never collide on a shared backend. */
    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void loadOfUnknownIdIsNull() {
        assertThat(store.load(newId())).isNull();
    }

    @Test
    void savedFieldsLoadBack() {
        String id = newId();
        store.save(id, Map.of("user", "{\"name\":\"ada\",\"roles\":[\"admin\"]}", "count", "3"), Set.of(), TTL);

        assertThat(store.load(id))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("user", "{\"name\":\"ada\",\"roles\":[\"admin\"]}", "count", "3"));
    }

    @Test
    void sessionsAreSeparate() {
        String a = newId();
        String b = newId();
        store.save(a, Map.of("k", "\"a\""), Set.of(), TTL);
        store.save(b, Map.of("k", "\"b\""), Set.of(), TTL);

        assertThat(store.load(a)).isEqualTo(Map.of("k", "\"a\""));
        assertThat(store.load(b)).isEqualTo(Map.of("k", "\"b\""));
    }

    @Test
    void partialSaveKeepsOtherFields() {
        String id = newId();
        store.save(id, Map.of("a", "1", "b", "2"), Set.of(), TTL);
        store.save(id, Map.of("b", "20", "c", "30"), Set.of(), TTL);

        assertThat(store.load(id)).isEqualTo(Map.of("a", "1", "b", "20", "c", "30"));
    }

    @Test
    void removalsRemoveOnlyThoseFields() {
        String id = newId();
        store.save(id, Map.of("a", "1", "b", "2", "c", "3"), Set.of(), TTL);
        store.save(id, Map.of(), Set.of("b", "never-set"), TTL);

        assertThat(store.load(id)).isEqualTo(Map.of("a", "1", "c", "3"));
    }

    @Test
    void upsertsAndRemovalsApplyTogether() {
        String id = newId();
        store.save(id, Map.of("a", "1", "b", "2"), Set.of(), TTL);
        store.save(id, Map.of("c", "3", "x", "9"), Set.of("a", "x"), TTL);

        assertThat(store.load(id)).isEqualTo(Map.of("b", "2", "c", "3"));
    }

    @Test
    void removingEveryFieldDeletesTheSession() {
        String id = newId();
        store.save(id, Map.of("a", "1"), Set.of(), TTL);
        store.save(id, Map.of(), Set.of("a"), TTL);

        assertThat(store.load(id)).isNull();
    }

    @Test
    void emptySaveCreatesNothing() {
        String id = newId();
        store.save(id, Map.of(), Set.of("a"), TTL);

        assertThat(store.load(id)).isNull();
    }

    @Test
    void deleteRemovesTheSession() {
        String id = newId();
        String other = newId();
        store.save(id, Map.of("a", "1"), Set.of(), TTL);
        store.save(other, Map.of("a", "1"), Set.of(), TTL);

        store.delete(id);

        assertThat(store.load(id)).isNull();
        assertThat(store.load(other)).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void deleteAndTouchOfUnknownIdDoNothing() {
        String id = newId();
        store.delete(id);
        assertThat(store.touch(id, TTL)).isFalse();

        assertThat(store.load(id)).isNull();
    }

    // ----- update: never brings an ended session back (issue 10) -----

    @Test
    void updateChangesAnExistingSessionAndSaysSo() {
        String id = newId();
        store.save(id, Map.of("a", "1", "b", "2"), Set.of(), TTL);

        assertThat(store.update(id, Map.of("a", "one", "c", "3"), Set.of("b"), TTL)).isTrue();

        assertThat(store.load(id)).isEqualTo(Map.of("a", "one", "c", "3"));
        assertThat(store.touch(id, TTL)).isTrue();
    }

    @Test
    void updateOfAnUnknownIdCreatesNothing() {
        String id = newId();

        assertThat(store.update(id, Map.of("user", "\"mallory\""), Set.of(), TTL)).isFalse();

        assertThat(store.load(id)).isNull();
    }

    @Test
    void updateAfterDeleteDoesNotRecreateTheSession() {
        String id = newId();
        store.save(id, Map.of("user", "\"alice\""), Set.of(), TTL);
        store.delete(id); // logout

        assertThat(store.update(id, Map.of("cart", "[1]"), Set.of(), TTL)).isFalse(); // a slow request's late write
        assertThat(store.touch(id, TTL)).isFalse();

        assertThat(store.load(id)).isNull();
    }

    @Test
    void updateAfterExpiryDoesNotRecreateTheSession() throws InterruptedException {
        String id = newId();
        store.save(id, Map.of("a", "1"), Set.of(), shortTtl());
        elapse(shortTtl().multipliedBy(2));

        assertThat(store.update(id, Map.of("a", "2"), Set.of(), TTL)).isFalse();

        assertThat(store.load(id)).isNull();
    }

    /** A retried write (after a timeout that may or may not have applied it) leaves what one write leaves. */
    @Test
    void applyingTheSameWriteTwiceEqualsApplyingItOnce() {
        String id = newId();
        store.save(id, Map.of("a", "1", "b", "2"), Set.of(), TTL);
        store.save(id, Map.of("a", "1", "b", "2"), Set.of(), TTL);
        store.update(id, Map.of("c", "3"), Set.of("b"), TTL);
        store.update(id, Map.of("c", "3"), Set.of("b"), TTL);

        assertThat(store.load(id)).isEqualTo(Map.of("a", "1", "c", "3"));
    }

    /** Updates racing a delete: whatever the order, once the delete is done the session stays gone. */
    @Test
    void updatesRacingADeleteNeverRecreateTheSession() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = newId();
            store.save(id, Map.of("user", "\"alice\""), Set.of(), TTL);
            AtomicBoolean deleted = new AtomicBoolean();
            runConcurrently(8, index -> {
                if (index == 0) {
                    store.delete(id);
                    deleted.set(true);
                } else {
                    for (int i = 0; i < 10; i++) {
                        boolean startedAfterDelete = deleted.get();
                        boolean applied = store.update(id, Map.of("w" + index, Integer.toString(i)), Set.of(), TTL);
                        if (startedAfterDelete) {
                            assertThat(applied).as("an update that starts after the delete").isFalse();
                        }
                    }
                }
            });
            assertThat(store.load(id)).as("round %d", round).isNull();
        }
    }

    @Test
    void storeKeepsCopiesAndHandsOutSnapshots() {
        String id = newId();
        Map<String, String> upserts = new HashMap<>(Map.of("a", "1"));
        Set<String> removals = new HashSet<>();
        store.save(id, upserts, removals, TTL);
        upserts.put("a", "changed");
        upserts.put("b", "added");

        Map<String, String> loaded = store.load(id);
        assertThat(loaded).isEqualTo(Map.of("a", "1"));
        assertThatThrownBy(() -> loaded.put("a", "mutated")).isInstanceOf(UnsupportedOperationException.class);

        store.save(id, Map.of("c", "3"), Set.of(), TTL);
        assertThat(loaded).as("an earlier snapshot does not change").isEqualTo(Map.of("a", "1"));
    }

    @Test
    void sessionExpiresAfterItsIdleTimeToLive() throws InterruptedException {
        String id = newId();
        Duration ttl = shortTtl();
        store.save(id, Map.of("a", "1"), Set.of(), ttl);

        elapse(ttl.multipliedBy(4).dividedBy(10));
        assertThat(store.load(id)).as("before the ttl").isEqualTo(Map.of("a", "1"));

        elapse(ttl.multipliedBy(8).dividedBy(10));
        assertThat(store.load(id)).as("after the ttl").isNull();
    }

    @Test
    void loadDoesNotExtendTheTimeToLive() throws InterruptedException {
        String id = newId();
        Duration ttl = shortTtl();
        store.save(id, Map.of("a", "1"), Set.of(), ttl);

        elapse(ttl.multipliedBy(6).dividedBy(10));
        assertThat(store.load(id)).isNotNull();
        elapse(ttl.multipliedBy(6).dividedBy(10));
        assertThat(store.load(id)).isNull();
    }

    @Test
    void saveRestartsTheTimeToLive() throws InterruptedException {
        String id = newId();
        Duration ttl = shortTtl();
        store.save(id, Map.of("a", "1"), Set.of(), ttl);

        elapse(ttl.multipliedBy(6).dividedBy(10));
        store.save(id, Map.of("b", "2"), Set.of(), ttl);
        elapse(ttl.multipliedBy(6).dividedBy(10));

        assertThat(store.load(id)).as("1.2 ttl after the first save, 0.6 after the second")
                .isEqualTo(Map.of("a", "1", "b", "2"));
    }

    @Test
    void touchRestartsTheTimeToLive() throws InterruptedException {
        String id = newId();
        Duration ttl = shortTtl();
        store.save(id, Map.of("a", "1"), Set.of(), ttl);

        elapse(ttl.multipliedBy(6).dividedBy(10));
        store.touch(id, ttl);
        elapse(ttl.multipliedBy(6).dividedBy(10));
        assertThat(store.load(id)).as("0.6 ttl after the touch").isEqualTo(Map.of("a", "1"));

        elapse(ttl.multipliedBy(6).dividedBy(10));
        assertThat(store.load(id)).as("1.2 ttl after the touch").isNull();
    }

    @Test
    void touchDoesNotResurrectAnExpiredSession() throws InterruptedException {
        String id = newId();
        Duration ttl = shortTtl();
        store.save(id, Map.of("a", "1"), Set.of(), ttl);

        elapse(ttl.multipliedBy(12).dividedBy(10));
        store.touch(id, TTL);

        assertThat(store.load(id)).isNull();
    }

    @Test
    void aVeryLongTimeToLiveIsAccepted() {
        String id = newId();
        store.save(id, Map.of("a", "1"), Set.of(), Duration.ofDays(365L * 1000));
        store.touch(id, Duration.ofDays(365L * 1000));

        assertThat(store.load(id)).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void timeToLiveMustBePositive() {
        String id = newId();
        assertThatThrownBy(() -> store.save(id, Map.of("a", "1"), Set.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save(id, Map.of("a", "1"), Set.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.touch(id, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load(id)).isNull();
    }

    @Test
    void concurrentSavesOfDifferentFieldsAllSurvive() throws Exception {
        String id = newId();
        int writers = 16;
        int fieldsPerWriter = 25;
        runConcurrently(writers, writer -> {
            for (int f = 0; f < fieldsPerWriter; f++) {
                store.save(id, Map.of("w" + writer + "-f" + f, String.valueOf(f)), Set.of(), TTL);
            }
        });

        Map<String, String> expected = new HashMap<>();
        for (int writer = 0; writer < writers; writer++) {
            for (int f = 0; f < fieldsPerWriter; f++) {
                expected.put("w" + writer + "-f" + f, String.valueOf(f));
            }
        }
        assertThat(store.load(id)).isEqualTo(expected);
    }

    @Test
    void concurrentWritesOfOneFieldLeaveOneWholeValue() throws Exception {
        String id = newId();
        int writers = 12;
        List<String> written = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            // Long, distinct values: a torn or merged write would not equal any of them.
            written.add("\"" + String.valueOf((char) ('a' + writer)).repeat(20_000) + "\"");
        }
        store.save(id, Map.of("k", written.getFirst(), "other", "1"), Set.of(), TTL);

        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread reader = Thread.ofVirtual().start(() -> {
            while (writing.get()) {
                seen.add(store.load(id).get("k"));
            }
        });
        try {
            runConcurrently(writers, writer -> {
                for (int round = 0; round < 10; round++) {
                    store.save(id, Map.of("k", written.get(writer)), Set.of(), TTL);
                }
            });
        } finally {
            writing.set(false);
            reader.join();
        }

        assertThat(written).contains(store.load(id).get("k"));
        assertThat(written).as("every value read while writing").containsAll(seen);
        assertThat(store.load(id).get("other")).isEqualTo("1");
    }

    @Test
    void largeSessionsRoundTrip() {
        String id = newId();
        String big = "\"" + "x".repeat(1024 * 1024) + "\"";
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            many.put("field-" + i, "{\"i\":" + i + "}");
        }
        many.put("big", big);
        store.save(id, many, Set.of(), TTL);

        assertThat(store.load(id)).isEqualTo(many);
    }

    @Test
    void unicodeAndSpecialCharactersRoundTrip() {
        String id = newId();
        Map<String, String> fields = Map.of(
                "ключ", "\"значение\"",
                "🔑", "\"🎉 emoji and 日本語\"",
                "مفتاح", "\"نص من اليمين إلى اليسار\"",
                "", "\"an empty key\"",
                "spaces and\ttabs", "\"line\\nbreaks\r\n and a NUL \u0000 and quotes \\\"\"",
                "a:b*c?[d]", "{\"glob\":\"*?[]\"}");
        store.save(id, fields, Set.of(), TTL);
        store.save(id, Map.of(), Set.of("🔑"), TTL);

        Map<String, String> expected = new HashMap<>(fields);
        expected.remove("🔑");
        assertThat(store.load(id)).isEqualTo(expected);
    }

    /** Runs {@code task} on {@code threads} virtual threads released together; rethrows the first failure. */
    protected static void runConcurrently(int threads, ThrowingIntConsumer task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    task.accept(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    @FunctionalInterface
    protected interface ThrowingIntConsumer {
        void accept(int index) throws Exception;
    }
}
