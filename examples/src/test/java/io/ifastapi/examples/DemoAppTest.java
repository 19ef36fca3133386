package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.sessions.SessionStoreException;
import io.ifastapi.sessions.redis.RedisServer;
import io.ifastapi.sessions.redis.RedisServerExtension;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.CapturedStderr;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo as the benchmark (shared/bench/README.md) and the docs use it: its four endpoints with every
 * SESSION_BACKEND, its configuration errors, and two instances sharing sessions through one Redis.
 */
@Timeout(60)
class DemoAppTest {
    private static final String SECRET = "demo-app-test-secret-0123456789abcdef0123456789";

    /** An environment of name, value pairs; nothing from the real environment leaks in. */
    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    /** The four endpoints exactly as the benchmark checks them with curl. */
    private static void assertTheFourEndpoints(Supplier<TestClient> clients) {
        try (TestClient client = clients.get()) {
            TestResponse hello = client.get("/hello");
            assertThat(hello.status()).isEqualTo(200);
            assertThat(hello.text()).isEqualTo("{\"message\":\"hello\"}");
            assertThat(hello.headers().getAll("set-cookie")).isEmpty();

            assertThat(client.get("/get-session").text()).as("no cookie yet").isEqualTo("{\"key\":null}");
            TestResponse set = client.get("/set-session");
            assertThat(set.text()).isEqualTo("{\"message\":\"Session data set\"}");
            assertThat(set.cookie("session")).isPresent();
            assertThat(client.get("/get-session").text()).isEqualTo("{\"key\":\"value\"}");
        }
        try (TestClient client = clients.get()) {
            assertThat(client.get("/counter").text()).isEqualTo("{\"n\":1}");
            assertThat(client.get("/counter").text()).as("with the cookie fed back").isEqualTo("{\"n\":2}");
            client.cookies().clear();
            assertThat(client.get("/counter").text()).as("without it").isEqualTo("{\"n\":1}");
        }
    }

    /**
     * One app per in-process client: closing a client runs the app's shutdown hooks, and the demo's hook closes the
     * Redis store, which a second start of the same app would then find closed.
     */
    private static void assertTheFourEndpoints(Map<String, String> env) {
        assertTheFourEndpoints(() -> new TestClient(DemoApp.create(env)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void theFourEndpoints(String backend) {
        assertTheFourEndpoints(env("SECRET_KEY", SECRET, "SESSION_BACKEND", backend));
    }

    /** WS /ws: the session's key first (null before /set-session), then an echo of each text message. */
    @ParameterizedTest
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void theWebSocketGreetsWithTheSessionKeyThenEchoes(String backend) {
        try (TestClient client = new TestClient(DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", backend)))) {
            try (var ws = client.websocketConnect("/ws")) {
                assertThat(ws.receiveText()).isEqualTo("{\"key\":null}");
            }
            client.get("/set-session");
            try (var ws = client.websocketConnect("/ws")) {
                assertThat(ws.receiveText()).isEqualTo("{\"key\":\"value\"}");
                ws.sendText("ping");
                assertThat(ws.receiveText()).isEqualTo("ping");
                ws.sendText("two");
                assertThat(ws.receiveText()).isEqualTo("two");
            }
        }
    }

    @Test
    void theFourEndpointsOverARealSocket() {
        IFastAPI app = DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "memory"));
        Server server = app.start(ServerConfig.defaults().port(0));
        try {
            assertTheFourEndpoints(() -> TestClient.forServer(server));
        } finally {
            server.stop();
        }
    }

    /** Python's ints are unbounded: a Starlette-signed session may hold n >= 2^31, and /counter must count on. */
    @ParameterizedTest
    @ValueSource(longs = {2_147_483_647L, 2_147_483_648L, 9_000_000_000_000L})
    void theCounterCountsPastIntRange(long n) {
        String cookie = new io.ifastapi.sessions.SignedCookieCodec(
                java.util.List.of(io.ifastapi.sessions.SecretKey.of(SECRET)), null, java.time.Clock.systemUTC())
                .encode(Map.of("n", n));
        try (TestClient client = new TestClient(DemoApp.create(env("SECRET_KEY", SECRET)))) {
            client.cookies().set("session", cookie);
            TestResponse counted = client.get("/counter");
            assertThat(counted.status()).isEqualTo(200);
            assertThat(counted.text()).isEqualTo("{\"n\":" + (n + 1) + "}");
            assertThat(client.get("/counter").text()).isEqualTo("{\"n\":" + (n + 2) + "}");
        }
    }

    @Test
    void theMemoryStoresBoundIsConfigurable() {
        assertTheFourEndpoints(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "memory", "SESSION_MAX_SESSIONS", "2"));
        for (String wrong : new String[] {"0", "-1", "many", "1e3"}) {
            assertThatThrownBy(() -> DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "memory",
                    "SESSION_MAX_SESSIONS", wrong)))
                    .as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SESSION_MAX_SESSIONS must be a whole number").hasMessageContaining(wrong);
        }
    }

    @Test
    void eachBackendMakesItsOwnKindOfCookie() {
        assertThat(cookieOf(env("SECRET_KEY", SECRET))).as("default: Starlette's signed cookie, base64 JSON")
                .startsWith("eyJrZXkiOiAidmFsdWUifQ==.").matches("[^.]+\\.[^.]+\\.[^.]+");
        assertThat(cookieOf(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "cookie")))
                .startsWith("eyJrZXkiOiAidmFsdWUifQ==.");
        assertThat(cookieOf(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "encrypted"))).doesNotContain("eyJ");
        assertThat(cookieOf(env("SECRET_KEY", SECRET, "SESSION_BACKEND", " Memory ")))
                .as("a signed id; names are trimmed and case-insensitive").matches("[\\w-]{43}\\.[\\w-]{43}");
    }

    private static String cookieOf(Map<String, String> env) {
        try (TestClient client = new TestClient(DemoApp.create(env))) {
            return client.get("/set-session").cookie("session").orElseThrow().value();
        }
    }

    // ----- configuration errors -----

    @Test
    void anUnknownBackendIsAClearError() {
        assertThatThrownBy(() -> DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "mongo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SESSION_BACKEND must be cookie, encrypted, memory or redis; got 'mongo'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unset", "", "  "})
    void redisWithoutRedisUrlIsAClearError(String url) {
        Map<String, String> env = env("SECRET_KEY", SECRET, "SESSION_BACKEND", "redis");
        if (!url.equals("unset")) {
            env.put("REDIS_URL", url);
        }
        assertThatThrownBy(() -> DemoApp.create(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SESSION_BACKEND=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379");
    }

    @Test
    void anUnreachableRedisFailsAtStartNotAtTheFirstRequest() throws Exception {
        String nowhere = "redis://127.0.0.1:" + RedisServer.freePort();
        long start = System.nanoTime();

        assertThatThrownBy(() -> DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", "redis",
                "REDIS_URL", nowhere)))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("cannot connect to redis://127.0.0.1:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unset", "", "   "})
    void withoutSecretKeyTheDemoWarnsAndUsesARandomKey(String secret) {
        Map<String, String> env = secret.equals("unset") ? env() : env("SECRET_KEY", secret);
        String log;
        String cookie;
        try (CapturedStderr stderr = new CapturedStderr(); TestClient first = new TestClient(DemoApp.create(env))) {
            cookie = first.get("/set-session").cookie("session").orElseThrow().value();
            assertThat(first.get("/get-session").text()).as("it works").isEqualTo("{\"key\":\"value\"}");
            log = stderr.text();
        }
        assertThat(log).contains("WARN").contains("SECRET_KEY is not set: using a random key for this run");

        try (TestClient second = new TestClient(DemoApp.create(env))) {
            second.cookies().set("session", cookie);
            assertThat(second.get("/get-session").text()).as("another run, another random key")
                    .isEqualTo("{\"key\":null}");
        }
    }

    @Test
    void withSecretKeyThereIsNoWarningAndAnotherInstanceReadsTheCookie() {
        String cookie;
        String log;
        try (CapturedStderr stderr = new CapturedStderr();
             TestClient first = new TestClient(DemoApp.create(env("SECRET_KEY", SECRET)))) {
            cookie = first.get("/set-session").cookie("session").orElseThrow().value();
            log = stderr.text();
        }
        assertThat(log).doesNotContain("SECRET_KEY").contains("Sessions: cookie backend");

        try (TestClient second = new TestClient(DemoApp.create(env("SECRET_KEY", SECRET)))) {
            second.cookies().set("session", cookie);
            assertThat(second.get("/get-session").text()).isEqualTo("{\"key\":\"value\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void theRoutesRunOnTheEventLoopWithABackendThatNeverBlocks(String backend) {
        IFastAPI app = DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", backend));
        for (String path : Set.of("/hello", "/set-session", "/get-session", "/counter")) {
            assertThat(app.runsNonBlocking("GET", path)).as(path).isTrue();
        }
        IFastAPI off = DemoApp.create(env("SECRET_KEY", SECRET, "SESSION_BACKEND", backend, "NON_BLOCKING", "false"));
        assertThat(off.hasNonBlockingRoutes()).isFalse();
        assertTheFourEndpoints(env("SECRET_KEY", SECRET, "SESSION_BACKEND", backend, "NON_BLOCKING", "false"));
    }

    /** SESSION_BACKEND=redis against a real redis-server (skipped without one, except on CI). */
    @Nested
    class WithRedis {
        @RegisterExtension
        static final RedisServerExtension REDIS = new RedisServerExtension();

        private Map<String, String> redisEnv() {
            return env("SECRET_KEY", SECRET, "SESSION_BACKEND", "redis", "REDIS_URL", REDIS.server().uri());
        }

        @Test
        void theFourEndpoints() {
            assertTheFourEndpoints(redisEnv());
        }

        @Test
        void theRedisStoreKeepsTheRoutesOnVirtualThreads() throws Exception {
            IFastAPI app = DemoApp.create(redisEnv());
            app.startup(); // so that shutdown runs the hook that closes the store
            try {
                assertThat(app.hasNonBlockingRoutes()).isFalse();
                assertThat(app.runsNonBlocking("GET", "/hello")).isFalse();
            } finally {
                app.shutdown();
            }
        }

        @Test
        void twoInstancesOnTwoPortsShareSessionsThroughOneRedis() {
            Server one = DemoApp.create(redisEnv()).start(ServerConfig.defaults().port(0));
            Server two = DemoApp.create(redisEnv()).start(ServerConfig.defaults().port(0));
            try (TestClient viaOne = TestClient.forServer(one); TestClient viaTwo = TestClient.forServer(two)) {
                assertThat(one.port()).isNotEqualTo(two.port());

                assertThat(viaOne.get("/set-session").status()).isEqualTo(200);
                viaTwo.cookies().set("session", viaOne.cookies().get("session")); // a load balancer's choice
                assertThat(viaTwo.get("/get-session").text()).isEqualTo("{\"key\":\"value\"}");

                assertThat(viaTwo.get("/counter").text()).isEqualTo("{\"n\":1}");
                assertThat(viaOne.get("/counter").text()).isEqualTo("{\"n\":2}");
                assertThat(viaTwo.get("/counter").text()).isEqualTo("{\"n\":3}");
            } finally {
                one.stop();
                two.stop();
            }
        }

        @Test
        void stoppingTheAppClosesTheRedisClientAndItsThreads() throws InterruptedException {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            Server server = DemoApp.create(redisEnv()).start(ServerConfig.defaults().port(0));
            try (TestClient client = TestClient.forServer(server)) {
                client.get("/counter");
            }
            server.stop();

            Set<Thread> lettuce = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread) && thread.getName().startsWith("lettuce"))
                    .collect(Collectors.toSet());
            for (Thread thread : lettuce) {
                thread.join(Duration.ofSeconds(5));
            }
            assertThat(lettuce.stream().filter(Thread::isAlive).map(Thread::getName).toList()).isEmpty();
        }
    }
}
