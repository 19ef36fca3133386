package io.ifastapi.sessions;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cookie sessions with a revocation list: what it adds, what it costs, and how it is misconfigured. */
class CookieRevocationTest {
    private static final String SECRET = SessionApps.SECRET;

    private static IFastAPI app(SessionMiddleware.Builder options) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(options.build());
        app.get("/login", request -> {
            request.session().put("user", "alice");
            return Map.of("ok", true);
        });
        app.get("/all", request -> request.session().asMap());
        app.get("/logout", request -> { // Starlette's idiom: clear() rather than invalidate()
            request.session().clear();
            return Map.of("ok", true);
        });
        return app;
    }

    @Test
    void clearAtLogoutRevokesEveryCopyOfTheCookie() {
        MemorySessionStore revocations = new MemorySessionStore();
        try (TestClient client = new TestClient(app(SessionApps.defaults().revocations(revocations)))) {
            client.get("/login");
            String copy = client.cookies().get("session");

            client.get("/logout");
            assertThat(revocations.size()).isEqualTo(1);
            client.cookies().set("session", copy);
            TestResponse replay = client.get("/all");

            assertThat(replay.json()).isEmpty();
            assertThat(replay.headers().getAll("set-cookie")).as("the revoked cookie is cleared")
                    .singleElement().asString().startsWith("session=null;");
        }
    }

    @Test
    void theHiddenIdStaysHiddenAndStable() {
        try (TestClient client = new TestClient(app(SessionApps.defaults().revocations(new MemorySessionStore())))) {
            String value = client.get("/login").cookie("session").orElseThrow().value();
            Map<String, Object> payload = PythonJson.parse(
                    new String(Base64.getDecoder().decode(value.substring(0, value.indexOf('.')))));

            assertThat(payload).containsEntry("user", "alice").containsKey(CookieBackend.SESSION_ID);
            assertThat(client.get("/all").json()).as("the app never sees it").isEqualTo(Map.of("user", "alice"));
            assertThat(client.get("/all").headers().getAll("set-cookie")).as("a read changes nothing").isEmpty();
        }
    }

    @Test
    void withoutItTheCookieIsStarlettesToTheByte() {
        try (TestClient client = new TestClient(app(SessionApps.defaults()))) {
            String value = client.get("/login").cookie("session").orElseThrow().value();

            assertThat(value).startsWith(Base64.getEncoder().encodeToString("{\"user\": \"alice\"}".getBytes()) + ".");
        }
    }

    @Test
    void aRevocationListThatFailsAnswers503() {
        SessionStore down = new FailingStore();
        try (TestClient client = TestClient.builder(app(SessionApps.defaults().revocations(down)))
                .raiseServerExceptions(false).build()) {
            TestResponse login = client.get("/login");
            assertThat(login.status()).as("a new session needs no lookup").isEqualTo(200);

            TestResponse read = client.get("/all");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.text()).contains(StoreBackend.UNAVAILABLE);
        }
    }

    @Test
    void misconfigurationsNameTheFix() {
        assertThatThrownBy(() -> SessionApps.defaults().maxAge(null).revocations(new MemorySessionStore()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(".maxAge(Duration.ofDays(14))");
        assertThatThrownBy(() -> SessionApps.defaults().store(new MemorySessionStore())
                .revocations(new MemorySessionStore()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Remove one of the two");
        assertThatThrownBy(() -> SessionApps.defaults().newSessionTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass the same value as maxAge");
    }

    /** A store whose backend is down: every call fails as a real one would. */
    private static final class FailingStore implements SessionStore {
        private static SessionStoreException down() {
            return new SessionStoreException("revocation store down (test)");
        }

        @Override
        public Map<String, String> load(String id) {
            throw down();
        }

        @Override
        public void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
            throw down();
        }

        @Override
        public boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
            throw down();
        }

        @Override
        public boolean touch(String id, Duration ttl) {
            throw down();
        }

        @Override
        public void delete(String id) {
            throw down();
        }
    }
}
