package io.ifastapi.middleware;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.http.Response;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CSRF protection bound to the session, checked against OWASP's cheat sheet items. */
class CSRFMiddlewareTest {
    private static final String SECRET = "0123456789abcdef".repeat(4);

    static SessionMiddleware.Builder defaults() {
        return SessionMiddleware.builder().secretKey(SECRET);
    }

    static IFastAPI app(CSRFMiddleware csrf, SessionMiddleware sessions) {
        IFastAPI app = new IFastAPI();
        app.get("/form", request -> Response.text(CsrfToken.of(request)));
        app.post("/transfer", request -> Response.text("done"));
        app.post("/webhooks/stripe", request -> Response.text("hook"));
        app.post("/login", request -> {
            request.session().regenerateId();
            CsrfToken.rotate(request);
            return Response.text("logged in");
        });
        app.addMiddleware(csrf);
        app.addMiddleware(sessions);
        return app;
    }

    static TestClient client() {
        return new TestClient(app(CSRFMiddleware.builder().exempt("/webhooks/*").build(), defaults().build()));
    }

    static TestResponse postForm(TestClient client, String path, String token) {
        var request = client.post(path);
        if (token != null) {
            request.form(Map.of("csrf_token", token, "amount", "10"));
        } else {
            request.form(Map.of("amount", "10"));
        }
        return request.send();
    }

    @Test
    void aFormWithTheTokenOfItsPageIsAccepted() {
        try (var client = client()) {
            String token = client.get("/form").text();
            var response = postForm(client, "/transfer", token);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("done");
        }
    }

    @Test
    void safeMethodsNeedNoToken() {
        try (var client = client()) {
            assertThat(client.get("/form").status()).isEqualTo(200);
            assertThat(client.head("/form").status()).isEqualTo(200);
        }
    }

    @Test
    void aMissingTokenIsA403WithTheReason() {
        try (var client = client()) {
            client.get("/form");
            var response = postForm(client, "/transfer", null);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json()).isEqualTo(Map.of("detail", "CSRF token missing"));
        }
    }

    @Test
    void aWrongTokenOrOneFromAnotherSessionIsRefused() {
        try (var attacker = client(); var victim = client()) {
            String attackersToken = attacker.get("/form").text();
            victim.get("/form");
            assertThat(postForm(victim, "/transfer", attackersToken).json())
                    .isEqualTo(Map.of("detail", "CSRF token invalid"));
            for (String malformed : List.of("x", "!!!not base64!!!", "A".repeat(86), "")) {
                var response = postForm(victim, "/transfer", malformed);
                assertThat(response.status()).as(malformed).isEqualTo(403);
            }
        }
    }

    @Test
    void aSessionWithoutSecretRefusesEveryToken() {
        try (var client = client(); var other = client()) {
            String token = other.get("/form").text();
            assertThat(postForm(client, "/transfer", token).json()).isEqualTo(Map.of("detail", "CSRF token invalid"));
        }
    }

    @Test
    void theHeaderCarriesTheTokenForFetchAndHtmx() {
        try (var client = client()) {
            String token = client.get("/form").text();
            var ok = client.post("/transfer").header("X-CSRF-Token", token).json(Map.of("amount", 10)).send();
            assertThat(ok.status()).isEqualTo(200);
            var missing = client.post("/transfer").json(Map.of("csrf_token", token)).send(); // JSON bodies are not read
            assertThat(missing.json()).isEqualTo(Map.of("detail", "CSRF token missing"));
        }
    }

    @Test
    void everyRenderGivesAnotherTokenAndAllOfThemWork() {
        try (var client = client()) {
            Set<String> tokens = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                tokens.add(client.get("/form").text());
            }
            assertThat(tokens).hasSize(5); // masked afresh each time: BREACH cannot learn the secret
            for (String token : tokens) {
                assertThat(postForm(client, "/transfer", token).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void rotatingAtLoginRetiresTheOldTokens() {
        try (var client = client()) {
            String before = client.get("/form").text();
            assertThat(postForm(client, "/login", before).status()).isEqualTo(200);
            assertThat(postForm(client, "/transfer", before).json()).isEqualTo(Map.of("detail", "CSRF token invalid"));
            assertThat(postForm(client, "/transfer", client.get("/form").text()).status()).isEqualTo(200);
        }
    }

    @Test
    void exemptPathsAndPredicatesSkipTheCheck() {
        try (var client = client()) {
            assertThat(postForm(client, "/webhooks/stripe", null).text()).isEqualTo("hook");
        }
        IFastAPI app = app(CSRFMiddleware.builder().exemptWhen(r -> r.header("authorization") != null).build(),
                defaults().build());
        try (var client = new TestClient(app)) {
            assertThat(client.post("/transfer").header("Authorization", "Bearer x").send().status()).isEqualTo(200);
            assertThat(client.post("/transfer").send().status()).isEqualTo(403);
        }
    }

    @Test
    void aCrossOriginPostIsRefusedEvenWithAValidToken() {
        IFastAPI app = app(CSRFMiddleware.builder().trustedOrigins("https://admin.example").build(), defaults().build());
        try (var client = new TestClient(app)) {
            String token = client.get("/form").text();
            var evil = client.post("/transfer").header("Origin", "https://evil.example").header("X-CSRF-Token", token).send();
            assertThat(evil.status()).isEqualTo(403);
            assertThat(evil.json()).isEqualTo(Map.of("detail",
                    "Cross-origin request refused: https://evil.example is not this site nor a trusted origin"));
            var own = client.post("/transfer").header("Origin", "http://testserver").header("X-CSRF-Token", token).send();
            assertThat(own.status()).isEqualTo(200);
            var trusted = client.post("/transfer").header("Origin", "https://admin.example").header("X-CSRF-Token", token).send();
            assertThat(trusted.status()).isEqualTo(200);
            var crossSite = client.post("/transfer").header("Sec-Fetch-Site", "cross-site").header("X-CSRF-Token", token).send();
            assertThat(crossSite.json()).isEqualTo(Map.of("detail", "Cross-site request refused (Sec-Fetch-Site: cross-site)"));
            var sameSite = client.post("/transfer").header("Sec-Fetch-Site", "same-origin").header("X-CSRF-Token", token).send();
            assertThat(sameSite.status()).isEqualTo(200);
        }
    }

    @Test
    void worksWithEveryBackend() {
        for (SessionMiddleware sessions : List.of(defaults().encrypted(true).build(),
                defaults().store(new MemorySessionStore()).build())) {
            try (var client = new TestClient(app(CSRFMiddleware.builder().build(), sessions))) {
                String token = client.get("/form").text();
                assertThat(postForm(client, "/transfer", token).status()).isEqualTo(200);
                assertThat(postForm(client, "/transfer", null).status()).isEqualTo(403);
            }
        }
    }

    @Test
    void withoutSessionMiddlewareTheErrorSaysWhatToAdd() {
        IFastAPI app = new IFastAPI();
        app.post("/transfer", request -> "done");
        app.addMiddleware(CSRFMiddleware.builder().build());
        try (var client = new TestClient(app)) {
            assertThatThrownBy(() -> client.post("/transfer").send())
                    .hasMessageContaining("add SessionMiddleware after CSRFMiddleware");
        }
    }

    @Test
    void badOptionsFailAtBuild() {
        assertThatThrownBy(() -> CSRFMiddleware.builder().exempt("webhooks").build()).hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> CSRFMiddleware.builder().trustedOrigins("https://a.example/").build())
                .hasMessageContaining("scheme://host[:port]");
        assertThatThrownBy(() -> CSRFMiddleware.builder().headerName(" ").build()).hasMessageContaining("header name");
    }

    @Test
    void theAppsHandlerFor403RendersTheRefusal() {
        IFastAPI app = app(CSRFMiddleware.builder().build(), defaults().build());
        app.exceptionHandler(403, (request, error) -> Response.html("<h1>Refused</h1><p>" + error.detail() + "</p>",
                403));
        try (var client = new TestClient(app)) {
            client.get("/form");
            var refused = postForm(client, "/transfer", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("content-type")).startsWith("text/html");
            assertThat(refused.text()).isEqualTo("<h1>Refused</h1><p>CSRF token missing</p>");
        }
    }
}
