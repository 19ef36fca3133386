package io.ifastapi.foundation;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.routing.NoMatchFoundException;
import io.ifastapi.routing.Router;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.ifastapi.foundation.Exchanges.send;
import static io.ifastapi.foundation.Exchanges.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building URLs from route names, Starlette's url_path_for / url_for (cases after tests/test_routing.py). */
class UrlForTest {

    private static IFastAPI app() {
        var users = new Router("/users");
        users.get("", request -> "users").name("users");
        users.get("/{username}", request -> "user").name("user");
        var sub = new IFastAPI();
        sub.get("/stats/{day:int}", request -> request.urlFor("admin:stats", Map.of("day", 7))).name("stats");
        var app = new IFastAPI();
        app.get("/", request -> "home").name("homepage");
        app.get("/int/{param:int}", request -> "int").name("int-convertor");
        app.get("/path/{param:path}", request -> "path").name("path-convertor");
        app.get("/uuid/{param:uuid}", request -> "uuid").name("uuid-convertor");
        app.get("/link", request -> Json.object("user", request.urlFor("user", Map.of("username", "tom christie")),
                "home", request.urlFor("homepage"))).name("link");
        app.include(users);
        app.mount("/admin", sub, "admin");
        return app;
    }

    @Test
    void pathsOfNamedRoutes() {
        var app = app();
        assertThat(app.urlPathFor("homepage", Map.of())).isEqualTo("/");
        assertThat(app.urlPathFor("users", Map.of())).isEqualTo("/users");
        assertThat(app.urlPathFor("user", Map.of("username", "tomchristie"))).isEqualTo("/users/tomchristie");
        assertThat(app.urlPathFor("int-convertor", Map.of("param", 5))).isEqualTo("/int/5");
        assertThat(app.urlPathFor("path-convertor", Map.of("param", "some/example"))).isEqualTo("/path/some/example");
        UUID id = UUID.fromString("a8098c1a-f86e-11da-bd1a-00112444be1e");
        assertThat(app.urlPathFor("uuid-convertor", Map.of("param", id)))
                .isEqualTo("/uuid/a8098c1a-f86e-11da-bd1a-00112444be1e");
        assertThat(app.urlPathFor("admin:stats", Map.of("day", 3))).isEqualTo("/admin/stats/3");
    }

    @Test
    void aNamedMountWithPathNamesAFileBelowIt() throws Exception {
        // Starlette: url_for("static", path="/css/app.css") for app.mount("/static", StaticFiles(...), name="static")
        var app = new IFastAPI();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("urlfor-static");
        try {
            app.mount("/static", io.ifastapi.staticfiles.StaticFiles.directory(dir), "static");
            assertThat(app.urlPathFor("static", Map.of("path", "/css/app.css"))).isEqualTo("/static/css/app.css");
            assertThat(app.urlPathFor("static", Map.of("path", "a b.css"))).isEqualTo("/static/a%20b.css");
            assertThatThrownBy(() -> app.urlPathFor("static", Map.of("file", "x")))
                    .isInstanceOf(NoMatchFoundException.class);
        } finally {
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void valuesArePercentEncoded() {
        assertThat(app().urlPathFor("user", Map.of("username", "tom christie é?#"))).isEqualTo("/users/tom%20christie%20%C3%A9%3F%23");
    }

    @Test
    void anUnknownNameOrOtherParamsIsNoMatchFoundWithStarlettesMessage() {
        var app = app();
        assertThatThrownBy(() -> app.urlPathFor("broken", Map.of()))
                .isInstanceOf(NoMatchFoundException.class)
                .hasMessage("No route exists for name \"broken\" and params \"\".");
        assertThatThrownBy(() -> app.urlPathFor("user", Map.of("name", "x")))
                .isInstanceOf(NoMatchFoundException.class)
                .hasMessage("No route exists for name \"user\" and params \"name\".");
        assertThatThrownBy(() -> app.urlPathFor("stats", Map.of("day", 3)))
                .as("a named mount's routes need its prefix").isInstanceOf(NoMatchFoundException.class);
    }

    @Test
    void aValueItsConverterWouldNotMatchIsRefused() {
        assertThatThrownBy(() -> app().urlPathFor("int-convertor", Map.of("param", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Path parameter 'param' = 'abc' does not fit {param:int}");
        assertThatThrownBy(() -> app().urlPathFor("user", Map.of("username", "a/b")))
                .as("the decoded path would have another segment: the URL would not lead back")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestUrlForIsAbsoluteAndStartsFromTheOutermostApp() throws Exception {
        var app = app();
        assertThat(text(send(app, "GET", "/link", null, "host", "example.org")))
                .isEqualTo("{\"user\":\"http://testserver/users/tom%20christie\",\"home\":\"http://testserver/\"}");
        assertThat(text(send(app, "GET", "/admin/stats/1", null))).isEqualTo("\"http://testserver/admin/stats/7\"");
    }
}
