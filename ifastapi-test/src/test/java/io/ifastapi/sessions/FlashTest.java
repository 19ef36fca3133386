package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.defaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.testclient.TestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flash messages: added before a redirect, shown once on the next page, in every session backend. */
class FlashTest {

    static IFastAPI app(SessionMiddleware sessions) {
        IFastAPI app = new IFastAPI();
        app.post("/save", request -> {
            Flash.add(request, "Saved", "success");
            Flash.add(request, "Check your inbox");
            return Response.redirect("/page", 303);
        });
        app.get("/page", request -> Map.of("messages", Flash.consume(request).stream()
                .map(m -> m.category() + ": " + m.message()).toList()));
        app.get("/peek", request -> Map.of("count", Flash.peek(request).size()));
        app.addMiddleware(sessions);
        return app;
    }

    @Test
    void aMessageSurvivesTheRedirectAndIsShownOnce() {
        try (var client = new TestClient(app(defaults().build()))) {
            var page = client.post("/save").send();
            assertThat(page.history()).hasSize(1);
            assertThat(page.json()).isEqualTo(Map.of("messages", List.of("success: Saved", "info: Check your inbox")));
            assertThat(client.get("/page").json()).isEqualTo(Map.of("messages", List.of()));
        }
    }

    @Test
    void peekLeavesThemForLater() {
        try (var client = TestClient.builder(app(defaults().build())).followRedirects(false).build()) {
            client.post("/save").send();
            assertThat(client.get("/peek").json()).isEqualTo(Map.of("count", 2));
            assertThat(client.get("/peek").json()).isEqualTo(Map.of("count", 2));
            assertThat(client.get("/page").json().get("messages")).asList().hasSize(2);
            assertThat(client.get("/peek").json()).isEqualTo(Map.of("count", 0));
        }
    }

    @Test
    void worksWithEncryptedCookiesAndServerSideStores() {
        for (SessionMiddleware sessions : List.of(defaults().encrypted(true).build(),
                defaults().store(new MemorySessionStore()).build())) {
            try (var client = new TestClient(app(sessions))) {
                assertThat(client.post("/save").send().json().get("messages")).asList().hasSize(2);
                assertThat(client.get("/page").json().get("messages")).asList().isEmpty();
            }
        }
    }

    @Test
    void messagesWrittenByAnotherServiceAsPlainStringsAreRead() {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> {
            request.session().put(Flash.SESSION_KEY, List.of("from python", Map.of("message", "x", "category", "error")));
            return Flash.consume(request);
        });
        app.addMiddleware(defaults().build());
        try (var client = new TestClient(app)) {
            assertThat(client.get("/").text())
                    .isEqualTo("[{\"message\":\"from python\",\"category\":\"info\"},{\"message\":\"x\",\"category\":\"error\"}]");
        }
    }

    @Test
    void withoutSessionMiddlewareTheErrorSaysWhatToAdd() {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> {
            Flash.add(request, "x");
            return "ok";
        });
        try (var client = new TestClient(app)) {
            assertThatThrownBy(() -> client.get("/"))
                    .hasMessage("SessionMiddleware must be installed to access request.session");
        }
    }
}
