package io.ifastapi.routing;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Middleware;
import io.ifastapi.middleware.CORSMiddleware;
import io.ifastapi.middleware.GZipMiddleware;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.sessions.SessionStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an app tells a server adapter about which requests may run on its event loop (Route.nonBlocking). */
class NonBlockingRoutesTest {
    private static final String SECRET = "5eb1c4e0d6a2f7b9385c1e0f2a4b6d8c9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b";

    @Test
    void routesAreBlockingUnlessTheySayOtherwise() {
        IFastAPI app = new IFastAPI();
        app.get("/a", request -> "a");
        assertThat(app.hasNonBlockingRoutes()).isFalse();
        assertThat(app.runsNonBlocking("GET", "/a")).isFalse();
        assertThat(app.router().routes().getFirst().operation().nonBlocking()).isNull();
    }

    @Test
    void theRouteThatWouldServeTheRequestDecides() {
        IFastAPI app = new IFastAPI();
        app.get("/items/{id:int}", request -> "fast").nonBlocking();
        app.get("/items/{name}", request -> "slow");
        app.post("/items/{id:int}", request -> "slow post");
        assertThat(app.hasNonBlockingRoutes()).isTrue();
        assertThat(app.runsNonBlocking("GET", "/items/3")).isTrue();
        assertThat(app.runsNonBlocking("HEAD", "/items/3")).isTrue();
        assertThat(app.runsNonBlocking("GET", "/items/x")).isFalse();
        assertThat(app.runsNonBlocking("POST", "/items/3")).isFalse();
        assertThat(app.runsNonBlocking("DELETE", "/items/3")).isFalse(); // a 405
        assertThat(app.runsNonBlocking("GET", "/nowhere")).isFalse(); // a 404: exception handlers may block
    }

    @Test
    void theAppDefaultAppliesToRoutesThatDoNotSay() {
        IFastAPI app = new IFastAPI().nonBlocking(true);
        app.get("/a", request -> "a");
        app.get("/b", request -> "b").nonBlocking(false);
        assertThat(app.runsNonBlocking("GET", "/a")).isTrue();
        assertThat(app.runsNonBlocking("GET", "/b")).isFalse();
    }

    @Test
    void includedRoutersAndMountedAppsAnswerForTheirRoutes() {
        Router users = new Router("/users");
        users.get("/{id:int}", request -> "u").nonBlocking();
        IFastAPI inner = new IFastAPI();
        inner.get("/fast", request -> "f").nonBlocking();
        inner.get("/slow", request -> "s");
        IFastAPI app = new IFastAPI();
        app.include(users, "/v1");
        app.mount("/inner", inner);
        assertThat(app.runsNonBlocking("GET", "/v1/users/7")).isTrue();
        assertThat(app.runsNonBlocking("GET", "/inner/fast")).isTrue();
        assertThat(app.runsNonBlocking("GET", "/inner/slow")).isFalse();
    }

    @Test
    void oneMiddlewareThatMayBlockKeepsEveryRequestOffTheLoop() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(new GZipMiddleware());
        app.addMiddleware(CORSMiddleware.builder().allowOrigins("*").build());
        app.addMiddleware(Middleware.nonBlocking((request, next) -> next.handle(request)));
        app.get("/a", request -> "a").nonBlocking();
        assertThat(app.runsNonBlocking("GET", "/a")).isTrue();

        IFastAPI blocked = new IFastAPI();
        blocked.addMiddleware((request, next) -> next.handle(request));
        blocked.get("/a", request -> "a").nonBlocking();
        assertThat(blocked.hasNonBlockingRoutes()).isFalse();
        assertThat(blocked.runsNonBlocking("GET", "/a")).isFalse();
    }

    @Test
    void sessionsBlockOnlyWithAStoreThatMayBlock() {
        assertThat(SessionMiddleware.builder().secretKey(SECRET).build().nonBlocking()).isTrue();
        assertThat(SessionMiddleware.builder().secretKey(SECRET).encrypted(true).build().nonBlocking()).isTrue();
        assertThat(SessionMiddleware.builder().secretKey(SECRET).store(new MemorySessionStore()).build()
                .nonBlocking()).isTrue();
        assertThat(SessionMiddleware.builder().secretKey(SECRET).store(new OwnStore()).build().nonBlocking())
                .isFalse();
        assertThat(SessionMiddleware.builder().secretKey(SECRET).revocations(new OwnStore()).build().nonBlocking())
                .isFalse();
        assertThat(SessionMiddleware.builder().secretKey(SECRET).revocations(new MemorySessionStore()).build()
                .nonBlocking()).isTrue();
    }

    @Test
    void theChoiceIsFixedOnceTheAppServes() {
        IFastAPI app = new IFastAPI();
        Route route = app.get("/a", request -> "a");
        app.hasNonBlockingRoutes(); // what a server does at start
        assertThatThrownBy(route::nonBlocking).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before app.run()");
        assertThatThrownBy(() -> app.nonBlocking(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before app.run()");
    }

    /** A store that says nothing about blocking, as any store of an application's own. */
    private static final class OwnStore implements SessionStore {
        @Override
        public Map<String, String> load(String id) {
            return null;
        }

        @Override
        public void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        }

        @Override
        public boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
            return false;
        }

        @Override
        public boolean touch(String id, Duration ttl) {
            return false;
        }

        @Override
        public void delete(String id) {
        }
    }
}
