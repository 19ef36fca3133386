package io.ifastapi.sessions.redis;

import io.ifastapi.http.Session;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis goes down or hangs under a running app: a request that uses the session gets a 503 with a clear message
 * within the store's command timeout, requests that do not use it are served as usual, and the app recovers by
 * itself when Redis is back.
 */
@Timeout(60)
class RedisSessionMiddlewareFaultTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Scheduling slack on top of the timeout; far below what a hang would take. */
    private static final Duration MARGIN = Duration.ofMillis(700);
    private static final SecretKey KEY = SecretKey.of("fault-test-key-0123456789abcdef-0123456789");

    private RedisSessionStore store;

    @BeforeEach
    void connect() {
        store = RedisSessionStore.builder().uri(REDIS.server().uri()).commandTimeout(TIMEOUT).build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private IFastAPI app(boolean rolling) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey(KEY).store(store).rolling(rolling).build());
        app.get("/hello", request -> Map.of("message", "hello"));
        app.get("/get", request -> Json.object("key", request.session().get("key")));
        app.get("/set", request -> {
            request.session().put("key", request.queryParam("v"));
            return Map.of("ok", true);
        });
        return app;
    }

    @Test
    void whileRedisIsDownSessionRequestsGet503AndTheRestWorks() throws Exception {
        try (TestClient client = new TestClient(app(false))) {
            client.get("/set?v=before");
            String cookie = client.cookies().get("session");

            REDIS.server().stop();
            try {
                assertUnavailable(timed(() -> client.get("/get")));
                assertUnavailable(timed(() -> client.get("/set?v=during")));
                Timed<TestResponse> hello = timed(() -> client.get("/hello"));
                assertThat(hello.value().status()).isEqualTo(200);
                assertThat(hello.took()).as("does not wait for Redis").isLessThan(TIMEOUT.minusMillis(100));
            } finally {
                REDIS.server().start();
            }

            TestResponse recovered = awaitRecovery(client, "/set?v=after");
            assertThat(recovered.status()).isEqualTo(200);
            assertThat(client.cookies().get("session")).as("the restarted Redis is empty: a new id")
                    .isNotEqualTo(cookie);
            assertThat(client.get("/get").json()).isEqualTo(Map.of("key", "after"));
        }
    }

    @Test
    void whileRedisHangsSessionRequestsGet503WithinTheTimeout() throws Exception {
        try (TestClient client = new TestClient(app(false))) {
            client.get("/set?v=before");

            REDIS.server().freeze();
            try {
                Timed<TestResponse> read = timed(() -> client.get("/get"));
                assertUnavailable(read);
                assertThat(read.took()).as("waited for the timeout").isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100));
                Timed<TestResponse> hello = timed(() -> client.get("/hello"));
                assertThat(hello.value().status()).isEqualTo(200);
                assertThat(hello.took()).as("does not wait for Redis").isLessThan(TIMEOUT.minusMillis(100));
            } finally {
                REDIS.server().thaw();
            }

            awaitRecovery(client, "/get");
            assertThat(client.get("/get").json()).as("nothing was lost").isEqualTo(Map.of("key", "before"));
        }
    }

    @Test
    void withRollingARequestThatDoesNotUseTheSessionStillWorksWhileRedisIsDown() throws Exception {
        try (TestClient client = new TestClient(app(true))) {
            client.get("/set?v=before");

            REDIS.server().stop();
            try {
                TestResponse hello = client.get("/hello");
                assertThat(hello.status()).isEqualTo(200);
                assertThat(hello.json()).isEqualTo(Map.of("message", "hello"));
                assertThat(hello.headers().getAll("set-cookie")).as("no refresh, but no failure").isEmpty();
                assertUnavailable(timed(() -> client.get("/get")));
            } finally {
                REDIS.server().start();
            }
        }
    }

    @Test
    void withRollingARequestThatDoesNotUseTheSessionStillWorksWhileRedisHangs() throws Exception {
        try (TestClient client = new TestClient(app(true))) {
            client.get("/set?v=before");

            REDIS.server().freeze();
            try {
                Timed<TestResponse> hello = timed(() -> client.get("/hello"));
                assertThat(hello.value().status()).isEqualTo(200);
                assertThat(hello.took()).as("the refresh gives up after the timeout").isLessThan(TIMEOUT.plus(MARGIN));
            } finally {
                REDIS.server().thaw();
            }
            awaitRecovery(client, "/get");
            assertThat(client.get("/get").json()).isEqualTo(Map.of("key", "before"));
        }
    }

    private static void assertUnavailable(Timed<TestResponse> timed) {
        TestResponse response = timed.value();
        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.json().get("detail")).asString().startsWith("Session store unavailable");
        assertThat(response.text()).as("no internals for the client").doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(REDIS.server().port()));
        assertThat(timed.took()).as("within the command timeout").isLessThan(TIMEOUT.plus(MARGIN));
    }

    /** Repeats a request until it is served again; Lettuce reconnects in the background with a short back-off. */
    private static TestResponse awaitRecovery(TestClient client, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            TestResponse response = client.get(path);
            if (response.status() != 503 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(50);
        }
    }

    private record Timed<T>(T value, Duration took) {}

    private static <T> Timed<T> timed(Supplier<T> action) {
        long start = System.nanoTime();
        T value = action.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }
}
