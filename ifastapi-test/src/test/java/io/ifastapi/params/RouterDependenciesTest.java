package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.routing.Operation;
import io.ifastapi.routing.Router;
import io.ifastapi.security.APIKeyHeader;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dependencies of the app, of routers and given to {@code include}: they reach every route, included and nested
 * included routers' too, in FastAPI's order, cached per request, cleaned up after the response in reverse order, and
 * overridable. The expected orders were recorded from FastAPI 0.142.2 with the same structure (yield dependencies
 * that log "open X" before their yield and "close X" after it).
 */
class RouterDependenciesTest {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger RUNS = new AtomicInteger();

    /** FastAPI's {@code def dep(): log("open"); yield; log("close")}: a provider with its own clean-up. */
    abstract static class Logged implements Dependency<Void, String> {
        private final String name;

        Logged(String name) {
            this.name = name;
        }

        @Override
        public String provide(Request request, Void none) {
            EVENTS.add("open " + name);
            return name;
        }

        @Override
        public void close(String value) {
            EVENTS.add("close " + value);
        }
    }

    static final class AppDep extends Logged {
        AppDep() {
            super("app");
        }
    }

    static final class IncludeOuter extends Logged {
        IncludeOuter() {
            super("incl-outer");
        }
    }

    static final class OuterDep extends Logged {
        OuterDep() {
            super("outer");
        }
    }

    static final class IncludeInner extends Logged {
        IncludeInner() {
            super("incl-inner");
        }
    }

    static final class InnerDep extends Logged {
        InnerDep() {
            super("inner");
        }
    }

    static final class ParamDep extends Logged {
        ParamDep() {
            super("param");
        }
    }

    record XIn(@Depends(ParamDep.class) String v) {}

    /** catalog.py's shape: app deps, outer router including an inner router, both with include-time deps. */
    static IFastAPI nested() {
        IFastAPI app = new IFastAPI().dependencies(AppDep.class);
        Router inner = new Router("/inner").dependencies(InnerDep.class);
        inner.get("/x", XIn.class, (request, in) -> {
            EVENTS.add("handler");
            return "x";
        });
        inner.get("/plain", request -> {
            EVENTS.add("handler");
            return "plain";
        });
        inner.get("/s", request -> Response.stream("text/plain", out -> {
            EVENTS.add("streaming");
            out.write('a');
        }));
        inner.get("/fail", request -> {
            EVENTS.add("handler");
            throw new IllegalStateException("boom");
        });
        Router outer = new Router("/outer").dependencies(OuterDep.class);
        outer.include(inner, "", IncludeInner.class);
        app.include(outer, "", IncludeOuter.class);
        return app;
    }

    @BeforeEach
    void reset() {
        EVENTS.clear();
        RUNS.set(0);
    }

    @Test
    void appIncludeRouterAndRouteDependenciesRunInFastApisOrderAndCloseInReverseAfterTheResponse() {
        try (TestClient client = new TestClient(nested())) {
            assertThat(client.get("/outer/inner/x").text()).isEqualTo("\"x\"");
            assertThat(EVENTS).containsExactly("open app", "open incl-outer", "open outer", "open incl-inner",
                    "open inner", "open param", "handler", "close param", "close inner", "close incl-inner",
                    "close outer", "close incl-outer", "close app");
        }
    }

    @Test
    void untypedRoutesOfIncludedRoutersRunThemToo() {
        try (TestClient client = new TestClient(nested())) {
            assertThat(client.get("/outer/inner/plain").text()).isEqualTo("\"plain\"");
            assertThat(EVENTS).containsExactly("open app", "open incl-outer", "open outer", "open incl-inner",
                    "open inner", "handler", "close inner", "close incl-inner", "close outer", "close incl-outer",
                    "close app");
        }
    }

    @Test
    void theCleanUpRunsAfterAStreamedBodyWasSent() {
        try (TestClient client = new TestClient(nested())) {
            assertThat(client.get("/outer/inner/s").text()).isEqualTo("a");
            assertThat(EVENTS).containsExactly("open app", "open incl-outer", "open outer", "open incl-inner",
                    "open inner", "streaming", "close inner", "close incl-inner", "close outer", "close incl-outer",
                    "close app");
        }
    }

    @Test
    void theCleanUpRunsInReverseWhenTheHandlerThrows() {
        try (TestClient client = TestClient.builder(nested()).raiseServerExceptions(false).build()) {
            assertThat(client.get("/outer/inner/fail").status()).isEqualTo(500);
            assertThat(EVENTS).containsExactly("open app", "open incl-outer", "open outer", "open incl-inner",
                    "open inner", "handler", "close inner", "close incl-inner", "close outer", "close incl-outer",
                    "close app");
        }
    }

    static final class BrokenCleanup implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            return "broken";
        }

        @Override
        public void close(String value) {
            throw new IllegalStateException("teardown failed on purpose");
        }
    }

    @Test
    void aFailingCleanUpIsLoggedTheResponseStandsAndTheOthersStillRun() {
        IFastAPI app = new IFastAPI().dependencies(AppDep.class, BrokenCleanup.class);
        app.get("/x", request -> "x");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        TestResponse response;
        try (TestClient client = new TestClient(app)) {
            response = client.get("/x");
        } finally {
            System.setErr(original);
        }
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("\"x\"");
        assertThat(EVENTS).containsExactly("open app", "close app");
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("teardown failed on purpose");
    }

    /** FastAPI's docs example: a router-wide token check, 401 before the route runs. */
    static final class VerifyToken implements Dependency<Void, Void> {
        @Override
        public Void provide(Request request, Void none) {
            RUNS.incrementAndGet();
            if (!"secret".equals(request.header("x-token"))) {
                throw new HTTPException(401, "X-Token header invalid");
            }
            return null;
        }
    }

    @Test
    void anAppDependencyRaising401BlocksEveryRouteIncludedOnesToo() {
        IFastAPI app = new IFastAPI().dependencies(VerifyToken.class);
        app.get("/own", request -> {
            EVENTS.add("own");
            return "own";
        });
        Router items = new Router("/items");
        items.get("/{id}", request -> {
            EVENTS.add("item");
            return "item";
        });
        app.include(items, "/v1");
        try (TestClient client = new TestClient(app)) {
            TestResponse denied = client.get("/v1/items/3");
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.text()).isEqualTo("{\"detail\":\"X-Token header invalid\"}");
            assertThat(client.get("/own").status()).isEqualTo(401);
            assertThat(EVENTS).isEmpty();

            assertThat(client.request("GET", "/v1/items/3").header("X-Token", "secret").send().text()).isEqualTo("\"item\"");
            assertThat(client.request("GET", "/own").header("X-Token", "secret").send().text()).isEqualTo("\"own\"");
            assertThat(EVENTS).containsExactly("item", "own");
        }
    }

    /** The current-user pattern: the session read inside a dependency given to include(). */
    static final class CurrentUser implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            RUNS.incrementAndGet();
            Object user = request.session().get("user");
            if (user == null) {
                throw new HTTPException(401, "Not logged in");
            }
            return (String) user;
        }
    }

    record MeIn(@Depends(CurrentUser.class) String user) {}

    @Test
    void aSessionUserDependencyGuardsAnIncludedRouterAndIsComputedOncePerRequest() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey("a-test-secret-key-of-enough-length!!").build());
        app.post("/login", request -> {
            request.session().put("user", "alice");
            return "ok";
        });
        Router account = new Router("/account");
        account.get("/me", MeIn.class, (request, in) -> Map.of("user", in.user()));
        app.include(account, "", CurrentUser.class);
        try (TestClient client = new TestClient(app)) {
            TestResponse anonymous = client.get("/account/me");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.text()).isEqualTo("{\"detail\":\"Not logged in\"}");

            client.post("/login").send();
            RUNS.set(0);
            assertThat(client.get("/account/me").text()).isEqualTo("{\"user\":\"alice\"}");
            // Asked for by include() and by the route's record: one run, one value (FastAPI's use_cache).
            assertThat(RUNS.get()).isEqualTo(1);
        }
    }

    static final class FakeUser implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            return "fake";
        }
    }

    @Test
    void overridesReplaceAppRouterAndIncludeDependenciesByClassOrByObject() {
        APIKeyHeader apiKey = new APIKeyHeader("X-API-Key");
        IFastAPI app = new IFastAPI().dependencies(apiKey);
        Router account = new Router("/account").dependencies(InnerDep.class);
        account.get("/me", MeIn.class, (request, in) -> Map.of("user", in.user()));
        app.include(account, "", CurrentUser.class);
        try (TestClient client = new TestClient(app)) {
            TestResponse denied = client.get("/account/me");
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.headers().get("www-authenticate")).isEqualTo("APIKey");

            app.dependencyOverrides().put(apiKey, (request, none) -> "test-key");
            app.dependencyOverrides().put(CurrentUser.class, FakeUser.class);
            app.dependencyOverrides().put(InnerDep.class, (request, none) -> {
                EVENTS.add("fake inner");
                return "fake inner";
            });
            assertThat(client.get("/account/me").text()).isEqualTo("{\"user\":\"fake\"}");
            assertThat(EVENTS).containsExactly("fake inner");

            app.dependencyOverrides().clear();
            assertThat(client.get("/account/me").status()).isEqualTo(401);
        }
    }

    @Test
    void theIncludedOperationListsEveryDependencyForTheDocs() {
        APIKeyHeader apiKey = new APIKeyHeader("X-API-Key");
        IFastAPI app = new IFastAPI().dependencies(apiKey);
        Router inner = new Router("/inner").dependencies(InnerDep.class);
        inner.get("/x", XIn.class, (request, in) -> "x");
        app.include(inner, "/v1", CurrentUser.class);

        Operation operation = app.router().operations().getFirst();
        assertThat(operation.path()).isEqualTo("/v1/inner/x");
        assertThat(operation.inputs().dependencies())
                .containsExactly(apiKey, CurrentUser.class, InnerDep.class, ParamDep.class);
        // The included router's own view is unchanged.
        assertThat(inner.operations().getFirst().inputs().dependencies()).containsExactly(InnerDep.class,
                ParamDep.class);
    }

    @Test
    void appDependenciesDeclaredAfterAnIncludeFailWithTheFix() {
        IFastAPI app = new IFastAPI();
        Router items = new Router("/items");
        items.get("", request -> "items");
        app.include(items);
        assertThatThrownBy(() -> app.dependencies(AppDep.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its routes");
    }

    static final class NotADependency {
    }

    @Test
    void aBadIncludeTimeDependencyFailsAtIncludeNamingTheRouter() {
        Router items = new Router("/items");
        items.get("", request -> "items");
        assertThatThrownBy(() -> new IFastAPI().include(items, "/v1", NotADependency.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/items'")
                .hasMessageContaining("is not a Dependency");
    }
}
