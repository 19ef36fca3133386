package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Request;
import io.ifastapi.routing.Router;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DependenciesTest {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger CALLS = new AtomicInteger();

    record Page(int limit, int offset) {}

    /** catalog.py's pagination(): a dependency with its own query parameters. */
    record PageIn(@Query @Min(1) @Max(100) @Default("10") int limit, @Query @Min(0) @Default("0") int offset) {}

    static final class Pagination implements Dependency<PageIn, Page> {
        @Override
        public Page provide(Request request, PageIn in) {
            CALLS.incrementAndGet();
            return new Page(in.limit(), in.offset());
        }
    }

    /** Depends on Pagination: a sub-dependency, shared with the route through the per-request cache. */
    record SummaryIn(@Depends(Pagination.class) Page page) {}

    static final class Summary implements Dependency<SummaryIn, String> {
        @Override
        public String provide(Request request, SummaryIn in) {
            return in.page().limit() + "@" + in.page().offset();
        }
    }

    record ListIn(@Depends(Pagination.class) Page page, @Depends(Summary.class) String summary,
                  @Query @Default("x") String q) {}

    /** An AutoCloseable result is closed after the response; the provider may clean up too. */
    static final class Connection implements AutoCloseable {
        final String name;

        Connection(String name) {
            this.name = name;
            EVENTS.add("open " + name);
        }

        @Override
        public void close() {
            EVENTS.add("close " + name);
        }
    }

    static final class Db implements Dependency<Void, Connection> {
        @Override
        public Connection provide(Request request, Void none) {
            return new Connection("db");
        }
    }

    static final class Audit implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            EVENTS.add("audit start");
            return "audit";
        }

        @Override
        public void close(String value) {
            EVENTS.add("audit end");
        }
    }

    record DbIn(@Depends(Db.class) Connection db, @Depends(Audit.class) String audit) {}

    /** catalog.py's current_user(): reads the session, 401 without a user. */
    static final class CurrentUser implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            Object user = request.session().get("user");
            if (user == null) {
                throw new HTTPException(401, "Not logged in");
            }
            return (String) user;
        }
    }

    static final class FakeUser implements Dependency<Void, String> {
        @Override
        public String provide(Request request, Void none) {
            return "fake";
        }
    }

    record MeIn(@Depends(CurrentUser.class) String user) {}

    @BeforeEach
    void reset() {
        EVENTS.clear();
        CALLS.set(0);
    }

    @Test
    void aDependencyTakesDeclaredInputsAndSubDependenciesShareOneValuePerRequest() {
        IFastAPI app = new IFastAPI();
        app.get("/items", ListIn.class, (r, p) -> io.ifastapi.json.Json.object("limit", p.page().limit(), "summary", p.summary()));
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/items?limit=5&offset=2").text()).isEqualTo("{\"limit\":5,\"summary\":\"5@2\"}");
            assertThat(CALLS.get()).isEqualTo(1);
            assertThat(client.get("/items").json()).containsEntry("limit", 10);
        }
    }

    @Test
    void aDependencysInvalidInputsAre422sWithTheRoutesOwn() {
        IFastAPI app = new IFastAPI();
        app.get("/items", ListIn.class, (r, p) -> "never");
        try (TestClient client = new TestClient(app)) {
            TestResponse response = client.get("/items?limit=0&offset=-1");

            assertThat(response.status()).isEqualTo(422);
            // Pagination is asked for twice (by the route and by Summary) and fails twice: FastAPI 0.142 reports
            // both, recorded from the real thing with the same declarations.
            String once = "{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should "
                    + "be greater than or equal to 1\",\"input\":\"0\",\"ctx\":{\"ge\":1}},{\"type\":"
                    + "\"greater_than_equal\",\"loc\":[\"query\",\"offset\"],\"msg\":\"Input should be greater than or "
                    + "equal to 0\",\"input\":\"-1\",\"ctx\":{\"ge\":0}}";
            assertThat(response.text()).isEqualTo("{\"detail\":[" + once + "," + once + "]}");
            assertThat(CALLS.get()).isZero();
        }
    }

    @Test
    void resultsAreClosedAfterTheResponseInReverseOrderEvenWhenTheHandlerFails() {
        IFastAPI app = new IFastAPI();
        app.get("/ok", DbIn.class, (r, p) -> {
            EVENTS.add("handler " + p.db().name);
            return "ok";
        });
        app.get("/fail", DbIn.class, (r, p) -> {
            throw new HTTPException(418, "teapot");
        });
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/ok").status()).isEqualTo(200);
            assertThat(EVENTS).containsExactly("open db", "audit start", "handler db", "audit end", "close db");
            EVENTS.clear();
            assertThat(client.get("/fail").status()).isEqualTo(418);
            assertThat(EVENTS).containsExactly("open db", "audit start", "audit end", "close db");
        }
    }

    @Test
    void theCurrentUserPatternReadsTheSessionAndOverridesReplaceIt() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey("a-test-secret-key-of-enough-length!!").build());
        app.get("/login", request -> {
            request.session().put("user", "alice");
            return "ok";
        });
        app.get("/me", MeIn.class, (r, p) -> Map.of("user", p.user()));
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/me").text()).isEqualTo("{\"detail\":\"Not logged in\"}");
            client.get("/login");
            assertThat(client.get("/me").text()).isEqualTo("{\"user\":\"alice\"}");

            app.dependencyOverrides().put(CurrentUser.class, FakeUser.class);
            assertThat(client.get("/me").text()).isEqualTo("{\"user\":\"fake\"}");
            app.dependencyOverrides().put(CurrentUser.class, (request, none) -> "lambda");
            assertThat(client.get("/me").text()).isEqualTo("{\"user\":\"lambda\"}");
            app.dependencyOverrides().clear();
            assertThat(client.get("/me").text()).isEqualTo("{\"user\":\"alice\"}");
        }
    }

    @Test
    void routerDependenciesRunBeforeEachOfItsRoutes() {
        Router admin = new Router("/admin").dependencies(Audit.class);
        admin.get("/a", request -> "a");
        IFastAPI app = new IFastAPI().include(admin);
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/admin/a").text()).isEqualTo("\"a\"");
            assertThat(EVENTS).containsExactly("audit start", "audit end");
        }
    }

    @Test
    void dependenciesDeclaredAfterRoutesFailWithTheFix() {
        IFastAPI app = new IFastAPI();
        app.get("/x", request -> "x");
        assertThatThrownBy(() -> app.dependencies(Audit.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its routes");
    }

    static final class NeedsArguments implements Dependency<Void, String> {
        NeedsArguments(String name) {
        }

        @Override
        public String provide(Request request, Void none) {
            return "";
        }
    }

    record BadIn(@Depends(NeedsArguments.class) String value) {}

    @Test
    void aProviderWithoutANoArgumentConstructorFailsAtRegistration() {
        assertThatThrownBy(() -> new IFastAPI().get("/x", BadIn.class, (r, p) -> ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-argument constructor");
    }
}
