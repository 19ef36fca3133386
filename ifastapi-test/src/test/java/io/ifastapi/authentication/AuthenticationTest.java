package io.ifastapi.authentication;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.AuthenticationNotInstalledException;
import io.ifastapi.http.User;
import io.ifastapi.json.Json;
import io.ifastapi.middleware.CSRFMiddleware;
import io.ifastapi.middleware.CsrfToken;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.ifastapi.authentication.Requires.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AuthenticationMiddleware, the session backend, requires(...) and the next URL, over the session backends. */
class AuthenticationTest {
    record AppUser(String id, String name, Set<String> roles) implements User {
        @Override
        public boolean isAuthenticated() {
            return true;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public String identity() {
            return id;
        }
    }

    static final Map<String, AppUser> USERS = Map.of(
            "1", new AppUser("1", "Ada", Set.of()),
            "2", new AppUser("2", "Grace", Set.of("admin")));

    static IFastAPI app(String backend) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(new AuthenticationMiddleware(new SessionAuthenticationBackend(
                id -> Optional.ofNullable(USERS.get(id))).scopes(user -> ((AppUser) user).roles())));
        SessionMiddleware.Builder sessions = SessionMiddleware.builder().secretKey(SecretKey.generate());
        switch (backend) {
            case "encrypted" -> sessions.encrypted(true);
            case "memory" -> sessions.store(new MemorySessionStore());
            default -> { }
        }
        app.addMiddleware(sessions.build());
        app.get("/whoami", request -> Json.object("authenticated", request.user().isAuthenticated(),
                "name", request.user().displayName(), "scopes", request.auth().scopes().stream().sorted().toList()));
        app.get("/login/{id}", request -> {
            SessionAuthenticationBackend.login(request, request.pathParam("id"));
            return Map.of("ok", true);
        }).name("login_as");
        app.get("/login", request -> Map.of("next", NextUrl.orDefault(request.queryParam("next"), "/"))).name("login");
        app.get("/logout", request -> {
            SessionAuthenticationBackend.logout(request);
            return Map.of("ok", true);
        });
        app.get("/profile", requires("authenticated").redirectTo("login")
                .to(request -> Map.of("name", request.user().displayName())));
        app.get("/admin", requires("authenticated", "admin").to(request -> Map.of("admin", true)));
        return app;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void loginSetsTheUserAndScopesLogoutClearsThem(String backend) {
        try (TestClient client = new TestClient(app(backend))) {
            assertThat(client.get("/whoami").json())
                    .isEqualTo(Map.of("authenticated", false, "name", "", "scopes", java.util.List.of()));
            client.get("/login/2");
            assertThat(client.get("/whoami").json()).isEqualTo(Map.of("authenticated", true, "name", "Grace",
                    "scopes", java.util.List.of("admin", "authenticated")));
            client.get("/logout");
            assertThat(client.get("/whoami").json()).containsEntry("authenticated", false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void loginGivesANewSessionCookie(String backend) {
        try (TestClient client = new TestClient(app(backend))) {
            client.get("/login/1");
            String first = client.cookies().get("session");
            client.get("/logout");
            client.get("/login/1");
            assertThat(client.cookies().get("session")).isNotNull().isNotEqualTo(first);
        }
    }

    @Test
    void requiresAnswers403WithoutTheScope() {
        try (TestClient client = new TestClient(app("cookie"))) {
            var anonymous = client.get("/admin");
            assertThat(anonymous.status()).isEqualTo(403);
            assertThat(anonymous.json()).isEqualTo(Map.of("detail", "Forbidden"));
            client.get("/login/1");
            assertThat(client.get("/admin").status()).isEqualTo(403); // authenticated, not admin
            client.get("/login/2");
            assertThat(client.get("/admin").json()).isEqualTo(Map.of("admin", true));
        }
    }

    @Test
    void requiresRedirectsToTheLoginRouteWithNext() {
        try (TestClient client = TestClient.builder(app("cookie")).followRedirects(false).build()) {
            var refused = client.get("/profile?tab=a%20b");
            assertThat(refused.status()).isEqualTo(303);
            assertThat(refused.header("location")).isEqualTo("/login?next=%2Fprofile%3Ftab%3Da%2520b");

            client.get("/login/1");
            assertThat(client.get("/profile").json()).isEqualTo(Map.of("name", "Ada"));
        }
        try (TestClient client = new TestClient(app("cookie"))) {
            // followed: the login page gets the path back, and keeps it because it is a path of this site
            assertThat(client.get("/profile?tab=1").json()).isEqualTo(Map.of("next", "/profile?tab=1"));
        }
    }

    @Test
    void aUserThatNoLongerExistsIsLoggedOut() {
        try (TestClient client = new TestClient(app("cookie"))) {
            client.get("/login/99");
            assertThat(client.get("/whoami").json()).containsEntry("authenticated", false);
        }
    }

    @Test
    void nextUrlFollowsOnlyPathsOfThisSite() {
        assertThat(NextUrl.isSafe("/cart")).isTrue();
        assertThat(NextUrl.isSafe("/cart?item=3&x=%2F%2F")).isTrue();
        assertThat(NextUrl.isSafe("/")).isTrue();
        for (String bad : new String[] {null, "", "https://evil.example/", "//evil.example", "/\\evil.example",
                "\\\\evil.example", "javascript:alert(1)", "evil.example", "/ok\r\nSet-Cookie: a=b", "/a\\b",
                "http:/evil.example", "/" + "a".repeat(NextUrl.MAX_LENGTH)}) {
            assertThat(NextUrl.isSafe(bad)).as(String.valueOf(bad)).isFalse();
        }
        assertThat(NextUrl.orDefault("//evil.example", "/home")).isEqualTo("/home");
        try (TestClient client = new TestClient(app("cookie"))) {
            assertThat(client.get("/login?next=https://evil.example").json()).isEqualTo(Map.of("next", "/"));
            assertThat(client.get("/login?next=//evil.example").json()).isEqualTo(Map.of("next", "/"));
        }
    }

    @Test
    void userWithoutTheMiddlewareNamesTheFix() {
        IFastAPI app = new IFastAPI();
        app.get("/me", request -> request.user().displayName());
        try (TestClient client = new TestClient(app)) {
            assertThatThrownBy(() -> client.get("/me"))
                    .isInstanceOf(AuthenticationNotInstalledException.class)
                    .hasMessage("AuthenticationMiddleware must be installed to access request.user");
        }
        IFastAPI debug = new IFastAPI().debug(true);
        debug.get("/me", request -> request.auth().scopes());
        try (TestClient client = TestClient.builder(debug).raiseServerExceptions(false).build()) {
            assertThat(client.get("/me").text())
                    .contains("AuthenticationMiddleware must be installed to access request.auth")
                    .contains("Fix: install AuthenticationMiddleware").contains("new SessionAuthenticationBackend(");
        }
    }

    @Test
    void sessionBackendWithoutSessionMiddlewareNamesTheFix() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(new AuthenticationMiddleware(new SessionAuthenticationBackend(id -> Optional.empty())));
        app.get("/", request -> "x");
        try (TestClient client = new TestClient(app)) {
            assertThatThrownBy(() -> client.get("/"))
                    .hasMessage("SessionAuthenticationBackend keeps the user id in the session: add SessionMiddleware "
                            + "after AuthenticationMiddleware (the last added runs first)");
        }
    }

    @Test
    void aBackendRefusingCredentialsAnswers400() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(new AuthenticationMiddleware(request -> {
            String header = request.header("authorization");
            if (header == null) {
                return Optional.empty();
            }
            if (!header.equals("Token good")) {
                throw new AuthenticationException("Invalid token");
            }
            return Optional.of(new AuthResult(io.ifastapi.http.AuthCredentials.of("authenticated"),
                    new SimpleUser("bot")));
        }));
        app.get("/", request -> Map.of("user", request.user().displayName()));
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/").json()).isEqualTo(Map.of("user", ""));
            var bad = client.request("GET", "/").header("authorization", "Token bad").send();
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.text()).isEqualTo("Invalid token");
            assertThat(client.request("GET", "/").header("authorization", "Token good").send().json())
                    .isEqualTo(Map.of("user", "bot"));
        }
    }

    @Test
    void loginRenewsTheCsrfToken() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(CSRFMiddleware.builder().build());
        app.addMiddleware(new AuthenticationMiddleware(new SessionAuthenticationBackend(
                id -> Optional.ofNullable(USERS.get(id)))));
        app.addMiddleware(SessionMiddleware.builder().secretKey(SecretKey.generate())
                .store(new MemorySessionStore()).build());
        app.get("/token", request -> Map.of("token", CsrfToken.of(request)));
        app.post("/login", request -> {
            SessionAuthenticationBackend.login(request, "1");
            return Map.of("token", CsrfToken.of(request));
        });
        app.post("/change", request -> Map.of("user", request.user().displayName()));
        try (TestClient client = new TestClient(app)) {
            String before = (String) client.get("/token").json().get("token");
            var login = client.post("/login").form(Map.of("csrf_token", before)).send();
            assertThat(login.status()).isEqualTo(200);
            String after = (String) login.json().get("token");

            var stale = client.post("/change").form(Map.of("csrf_token", before)).send();
            assertThat(stale.status()).isEqualTo(403);
            assertThat(stale.json()).isEqualTo(Map.of("detail", "CSRF token invalid"));
            assertThat(client.post("/change").form(Map.of("csrf_token", after)).send().json())
                    .isEqualTo(Map.of("user", "Ada"));
        }
    }

    @Test
    void typedRoutesCanBeGuarded() {
        IFastAPI app = app("cookie");
        record Q(@io.ifastapi.params.Query String q) {
        }
        app.get("/search", Q.class, requires("authenticated").to((request, p) -> Map.of("q", p.q())));
        try (TestClient client = new TestClient(app)) {
            assertThat(client.get("/search?q=x").status()).isEqualTo(403);
            client.get("/login/1");
            assertThat(client.get("/search?q=x").json()).isEqualTo(Map.of("q", "x"));
        }
    }

    @Test
    void redirectToAnUnnamedLoginRouteNamesTheFix() {
        IFastAPI app = app("cookie");
        app.get("/orders", requires("authenticated").redirectTo("signin").to(request -> "orders"));
        try (TestClient client = new TestClient(app)) {
            assertThatThrownBy(() -> client.get("/orders"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("requires(...).redirectTo(\"signin\"): no route is named 'signin'. Name the login "
                            + "page's route: app.get(\"/login\", ...).name(\"signin\")");
        }
    }
}
