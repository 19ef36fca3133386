package io.ifastapi.sessions;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StoreSessionBehaviourSuite} with the in-memory store on a fake monotonic clock, plus the memory store's own
 * promises seen through the middleware: bounded (least recently used evicted first), thread-safe under many users at
 * once, and no thread left behind. Abstract: its concurrency tests run on a real server, so each adapter module runs
 * it with its own ({@link #serverFactory()}).
 */
public abstract class MemoryStoreSessionBehaviourTest extends StoreSessionBehaviourSuite {
    /** Starts far from zero, like System.nanoTime() may. */
    private final AtomicLong nanos = new AtomicLong(Long.MAX_VALUE / 3);

    @Override
    protected SessionStore newStore() {
        return new MemorySessionStore(MemorySessionStore.DEFAULT_MAX_SESSIONS, nanos::get);
    }

    @Override
    protected Duration idleTtl() {
        return Duration.ofMinutes(30);
    }

    @Override
    protected void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aFullStoreEvictsTheLeastRecentlyUsedSession() {
        MemorySessionStore small = new MemorySessionStore(2, nanos::get);
        IFastAPI app = app(options -> options.store(small));
        TestClient first = client(app);
        TestClient second = client(app);
        TestClient third = client(app);
        TestClient fourth = client(app);
        first.get("/set?v=first");
        second.get("/set?v=second");
        assertThat(value(first, "key")).isEqualTo("first"); // first is now more recent than second

        third.get("/set?v=third");

        assertThat(small.size()).isEqualTo(2);
        assertThat(value(second, "key")).as("least recently used: evicted").isNull();
        assertThat(value(third, "key")).isEqualTo("third");
        assertThat(value(first, "key")).isEqualTo("first");

        fourth.get("/set?v=fourth"); // first was read after third, so third goes
        assertThat(value(third, "key")).isNull();
        assertThat(value(first, "key")).isEqualTo("first");

        String evictedId = idOf(second);
        second.get("/set?v=back");
        assertThat(idOf(second)).as("an evicted user starts over under a new id").isNotEqualTo(evictedId);
    }

    /**
     * Issue 10's flood, scaled down: one anonymous client creating 1,040 sessions in a store for 100 (the issue's
     * 104,000 into 100,000) leaves the logged-in users' sessions alone; the store stays at its bound.
     */
    @Test
    void aFloodOfNewSessionsEvictsNoUserWhoCameBack() {
        MemorySessionStore small = new MemorySessionStore(100, nanos::get);
        IFastAPI app = app(options -> options.store(small));
        List<TestClient> users = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            TestClient user = client(app);
            user.get("/set?k=user&v=user" + u);
            user.get("/counter"); // came back: no longer a new session
            users.add(user);
        }
        TestClient bot = client(app);

        for (int i = 0; i < 1_040; i++) {
            bot.cookies().clear();
            assertThat(bot.get("/set?v=flood").status()).isEqualTo(200);
        }

        assertThat(small.size()).isEqualTo(100);
        for (int u = 0; u < users.size(); u++) {
            assertThat(value(users.get(u), "user")).as("user %d", u).isEqualTo("user" + u);
        }
    }

    @Test
    void manyUsersAtOnceOverARealServer() throws Exception {
        MemorySessionStore shared = new MemorySessionStore(1_000);
        IFastAPI app = app(options -> options.store(shared));
        int users = 16;
        int requests = 25;
        Server server = app.server(serverFactory()).start(ServerConfig.defaults().port(0));
        ExecutorService threads = Executors.newFixedThreadPool(users);
        try {
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                TestClient client = track(TestClient.forServer(server));
                String name = "user" + u;
                results.add(threads.submit(() -> {
                    List<Object> counts = new ArrayList<>();
                    client.get("/set?k=name&v=" + name);
                    for (int i = 0; i < requests; i++) {
                        counts.add(client.get("/counter").json().get("n"));
                    }
                    counts.add(value(client, "name"));
                    return counts;
                }));
            }
            for (int u = 0; u < users; u++) {
                List<Object> counts = results.get(u).get(30, TimeUnit.SECONDS);
                assertThat(counts.subList(0, requests)).as("user %d", u)
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, requests).boxed().toList());
                assertThat(counts.get(requests)).isEqualTo("user" + u);
            }
            assertThat(shared.size()).isEqualTo(users);
        } finally {
            threads.shutdownNow();
            server.stop();
        }
    }

    @Test
    void leavesNoThreadBehind() throws InterruptedException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        MemorySessionStore memory = new MemorySessionStore(10);

        try (TestClient client = TestClient.builder(app(options -> options.store(memory).maxAge(1))).build()) {
            for (int i = 0; i < 30; i++) {
                client.cookies().clear();
                client.get("/counter");
                assertThat(client.get("/counter").json()).isEqualTo(Map.of("n", 2));
            }
        }
        memory.close();

        Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool")) // the JVM's, not ours
                .collect(Collectors.toSet());
        for (Thread thread : started) {
            thread.join(Duration.ofSeconds(2));
        }
        assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName).toList()).isEmpty();
        assertThat(memory.size()).isLessThanOrEqualTo(10);
    }
}
