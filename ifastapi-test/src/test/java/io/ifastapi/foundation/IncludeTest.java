package io.ifastapi.foundation;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.routing.Converter;
import io.ifastapi.routing.Operation;
import io.ifastapi.routing.Router;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ifastapi.foundation.Exchanges.send;
import static io.ifastapi.foundation.Exchanges.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code include} keeps what the included router was given, and never loses a change silently. */
class IncludeTest {

    private static Converter slug() {
        return new Converter("[a-z0-9-]+", s -> s);
    }

    @Test
    void anIncludedRoutersOwnConverterStillWorks() throws Exception {
        var posts = new Router("/posts");
        posts.converter("slug", slug());
        posts.get("/{name:slug}", request -> Map.of("slug", request.pathParam("name")));
        var app = new IFastAPI();
        app.include(posts);

        assertThat(text(send(app, "GET", "/posts/hello-world", null))).isEqualTo("{\"slug\":\"hello-world\"}");
        assertThat(send(app, "GET", "/posts/Hello_World", null).status()).isEqualTo(404);
    }

    @Test
    void theIncludingRoutersConvertersServeItsPrefix() throws Exception {
        var inner = new Router();
        inner.converter("slug", slug());
        inner.get("/{post:slug}", request -> request.pathParams());
        var outer = new Router("/t");
        outer.converter("code", new Converter("[A-Z]{2}", s -> s));
        outer.include(inner, "/{tenant:code}");
        var app = new IFastAPI();
        app.include(outer);

        assertThat(text(send(app, "GET", "/t/FR/my-post", null))).isEqualTo("{\"tenant\":\"FR\",\"post\":\"my-post\"}");
    }

    @Test
    void aStatusCodeSetAfterTheIncludeApplies() throws Exception {
        var items = new Router("/items");
        var create = items.post("", request -> Map.of("ok", true));
        var app = new IFastAPI();
        app.include(items);
        create.statusCode(201).summary("Create an item").tags("items");

        assertThat(send(app, "POST", "/items", "").status()).isEqualTo(201);
        Operation documented = app.router().operations().getFirst();
        assertThat(documented.path()).isEqualTo("/items");
        assertThat(documented.statusCode()).isEqualTo(201);
        assertThat(documented.summary()).isEqualTo("Create an item");
        assertThat(documented.tags()).containsExactly("items");
    }

    @Test
    void aRouteAddedToARouterAfterItWasIncludedIsRefusedLoudly() {
        var items = new Router("/items");
        items.get("", request -> "list");
        new IFastAPI().include(items);

        assertThatThrownBy(() -> items.get("/{id}", request -> "one"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot add the route [GET] /{id} on router '/items'")
                .hasMessageContaining("add them before calling include");
        assertThatThrownBy(() -> items.converter("slug", slug())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeAfterTheAppServesIsRefusedLoudly() throws Exception {
        var app = new IFastAPI();
        var hello = app.get("/hello", request -> "hi");
        send(app, "GET", "/hello", null);

        assertThatThrownBy(() -> hello.statusCode(202))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is already serving requests");
        assertThatThrownBy(() -> app.get("/late", request -> "late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the app is already serving requests");
    }

    @Test
    void operationsListEveryRouteWithItsPathAsServed() {
        var users = new Router("/users");
        users.get("/{id:int}", request -> "user").name("read_user");
        var app = new IFastAPI();
        app.get("/", request -> Response.text("root"));
        app.include(users, "/v1");

        assertThat(app.router().operations()).extracting(Operation::path, Operation::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/", null),
                        org.assertj.core.groups.Tuple.tuple("/v1/users/{id:int}", "read_user"));
        assertThat(app.router().operations().get(1).methods()).containsExactly("GET", "HEAD");
    }
}
