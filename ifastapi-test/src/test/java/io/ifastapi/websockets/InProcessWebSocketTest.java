package io.ifastapi.websockets;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;
import io.ifastapi.http.SessionNotInstalledException;
import io.ifastapi.json.Json;
import io.ifastapi.middleware.CORSMiddleware;
import io.ifastapi.middleware.GZipMiddleware;
import io.ifastapi.middleware.TrustedHostMiddleware;
import io.ifastapi.routing.Router;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestWebSocket;
import io.ifastapi.testclient.WebSocketDenied;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WebSockets through TestClient's in-process transport: the API, the routing and the middleware rules. */
class InProcessWebSocketTest {
    private static final String SECRET = "0123456789abcdef".repeat(4);

    @Test
    void echoesTextBytesAndJson() {
        var app = new IFastAPI();
        app.websocket("/ws", ws -> {
            ws.accept();
            ws.sendText("text: " + ws.receiveText());
            ws.sendBytes(ws.receiveBytes());
            Map<?, ?> in = ws.receiveJson(Map.class);
            ws.sendJson(Map.of("got", in.get("n")));
            ws.close(1000);
        });
        try (var client = new TestClient(app); TestWebSocket ws = client.websocketConnect("/ws")) {
            ws.sendText("hi");
            assertThat(ws.receiveText()).isEqualTo("text: hi");
            ws.sendBytes(new byte[]{1, 2, 3});
            assertThat(ws.receiveBytes()).containsExactly(1, 2, 3);
            ws.sendJson(Map.of("n", 7));
            assertThat(ws.receiveJson()).isEqualTo(Map.of("got", 7));
            assertThatThrownBy(ws::receiveText).isInstanceOfSatisfying(WebSocketDisconnect.class,
                    d -> assertThat(d.code()).isEqualTo(1000));
        }
    }

    @Test
    void iterTextEndsWhenTheClientClosesAndTheHandlerSeesTheCode() throws Exception {
        var app = new IFastAPI();
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Integer> code = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        app.websocket("/ws", ws -> {
            ws.accept();
            for (String message : ws.iterText()) {
                seen.add(message);
            }
            try {
                ws.receiveText();
            } catch (IllegalStateException alreadyGone) {
                code.set(-1);
            }
            done.countDown();
        });
        app.websocket("/code", ws -> {
            ws.accept();
            try {
                ws.receiveText();
            } catch (WebSocketDisconnect d) {
                code.set(d.code());
                throw d;
            }
        });
        try (var client = new TestClient(app)) {
            TestWebSocket ws = client.websocketConnect("/ws");
            ws.sendText("a");
            ws.sendText("b");
            ws.close();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("a", "b");
            assertThat(code.get()).isEqualTo(-1); // Starlette: no receive after the disconnect

            client.websocketConnect("/code").close(4001, "bye");
            assertThat(code.get()).isEqualTo(4001);
        }
    }

    @Test
    void pathParamsQueryHeadersCookiesAndUrl() {
        var app = new IFastAPI();
        var router = new Router("/rooms");
        router.websocket("/{room:int}", ws -> {
            ws.accept();
            ws.sendJson(Map.of("room", ws.pathParams().get("room"), "q", ws.queryParam("q"),
                    "h", ws.header("x-test"), "c", ws.cookie("c"), "url", ws.url().toString()));
            ws.close();
        }).name("room");
        app.include(router);
        try (var client = new TestClient(app)) {
            client.cookies().store(client.baseUrl(), "c=cookie; Path=/");
            try (TestWebSocket ws = client.websocketConnect("/rooms/7?q=x", Headers.of("x-test", "header"))) {
                assertThat(ws.receiveJson()).isEqualTo(Map.of("room", 7, "q", "x", "h", "header", "c", "cookie",
                        "url", "ws://testserver/rooms/7?q=x"));
            }
            assertThat(app.urlPathFor("room", Map.of("room", 3))).isEqualTo("/rooms/3");
        }
    }

    @Test
    void closingBeforeAcceptAndUnroutedSocketsAre403() {
        var app = new IFastAPI();
        app.websocket("/refuse", ws -> ws.close(1008));
        app.websocket("/return", ws -> { });
        app.get("/http", request -> "http");
        try (var client = new TestClient(app)) {
            for (String path : new String[]{"/refuse", "/return", "/nowhere", "/http"}) {
                assertThatThrownBy(() -> client.websocketConnect(path)).as(path)
                        .isInstanceOfSatisfying(WebSocketDenied.class,
                                d -> assertThat(d.response().status()).isEqualTo(403));
            }
            assertThat(client.get("/refuse").status()).isEqualTo(404); // HTTP never reaches a WebSocket route
        }
    }

    @Test
    void anHttpExceptionBeforeAcceptAnswersTheHandshake() {
        var app = new IFastAPI();
        app.websocket("/ws", ws -> {
            if (ws.queryParam("token") == null) {
                throw new HTTPException(401, "No token");
            }
            ws.accept();
            ws.close();
        });
        try (var client = new TestClient(app)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws")).isInstanceOfSatisfying(WebSocketDenied.class,
                    d -> {
                        assertThat(d.response().status()).isEqualTo(401);
                        assertThat(d.response().json()).isEqualTo(Map.of("detail", "No token"));
                    });
            client.websocketConnect("/ws?token=t").close();
        }
    }

    @Test
    void anExceptionAfterAcceptClosesWith1011() {
        var app = new IFastAPI();
        app.websocket("/ws", ws -> {
            ws.accept();
            throw new IllegalStateException("boom");
        });
        try (var client = new TestClient(app); TestWebSocket ws = client.websocketConnect("/ws")) {
            assertThatThrownBy(ws::receiveText).isInstanceOfSatisfying(WebSocketDisconnect.class,
                    d -> assertThat(d.code()).isEqualTo(1011));
        }
    }

    @Test
    void subprotocolIsChosenOnAccept() {
        var app = new IFastAPI();
        app.websocket("/ws", ws -> {
            assertThat(ws.subprotocols()).containsExactly("v2", "v1");
            ws.accept("v1");
            ws.close();
        });
        app.websocket("/bad", ws -> ws.accept("v9"));
        try (var client = TestClient.builder(app).raiseServerExceptions(false).build()) {
            try (TestWebSocket ws = client.websocketConnect("/ws", "v2", "v1")) {
                assertThat(ws.acceptedSubprotocol()).isEqualTo("v1");
            }
            assertThatThrownBy(() -> client.websocketConnect("/bad", "v1"))
                    .isInstanceOfSatisfying(WebSocketDenied.class, d -> assertThat(d.response().status())
                            .isEqualTo(500));
        }
    }

    @Test
    void misuseFailsWithStarlettesMessages() {
        var app = new IFastAPI();
        List<String> errors = new ArrayList<>();
        app.websocket("/ws", ws -> {
            try {
                ws.receiveText();
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
            ws.accept();
            ws.close();
            try {
                ws.sendText("late");
            } catch (IllegalStateException e) {
                errors.add(e.getMessage());
            }
        });
        try (var client = new TestClient(app)) {
            client.websocketConnect("/ws").close();
        }
        assertThat(errors).containsExactly("WebSocket is not connected. Need to call \"accept\" first.",
                "Cannot call \"send\" once a close message has been sent.");
    }

    @Test
    void wrongMessageTypesAndBadJsonCloseTheSocketWithoutA500() {
        var app = new IFastAPI();
        app.websocket("/text", ws -> {
            ws.accept();
            ws.receiveText();
        });
        app.websocket("/json", ws -> {
            ws.accept();
            ws.receiveJson(Map.class);
        });
        try (var client = new TestClient(app)) {
            try (TestWebSocket ws = client.websocketConnect("/text")) {
                ws.sendBytes(new byte[]{1});
                assertThatThrownBy(ws::receiveText).isInstanceOfSatisfying(WebSocketDisconnect.class,
                        d -> assertThat(d.code()).isEqualTo(1003));
            }
            try (TestWebSocket ws = client.websocketConnect("/json")) {
                ws.sendText("{not json");
                assertThatThrownBy(ws::receiveText).isInstanceOfSatisfying(WebSocketDisconnect.class,
                        d -> assertThat(d.code()).isEqualTo(1007));
            }
        }
    }

    @Test
    void theSessionOfTheCookieIsReadableAndChangesAreNotSaved() {
        for (SessionMiddleware sessions : List.of(SessionMiddleware.builder().secretKey(SECRET).build(),
                SessionMiddleware.builder().secretKey(SECRET).store(new MemorySessionStore()).build())) {
            var app = new IFastAPI();
            app.addMiddleware(sessions);
            app.get("/set", request -> {
                request.session().put("key", "value");
                return "ok";
            });
            app.get("/get", request -> Json.object("key", request.session().get("key")));
            app.websocket("/ws", ws -> {
                ws.accept();
                ws.sendJson(Json.object("key", ws.session().get("key")));
                ws.session().put("key", "changed");
                ws.close();
            });
            try (var client = new TestClient(app)) {
                try (TestWebSocket ws = client.websocketConnect("/ws")) {
                    assertThat(ws.receiveJson()).isEqualTo(Json.object("key", null));
                }
                client.get("/set");
                try (TestWebSocket ws = client.websocketConnect("/ws")) {
                    assertThat(ws.receiveJson()).isEqualTo(Map.of("key", "value"));
                }
                assertThat(client.get("/get").json()).isEqualTo(Map.of("key", "value"));
            }
        }
    }

    @Test
    void withoutSessionMiddlewareTheSessionFailsWithTheUsualMessage() {
        var app = new IFastAPI();
        app.websocket("/ws", ws -> ws.session());
        try (var client = new TestClient(app)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                    .isInstanceOf(SessionNotInstalledException.class)
                    .hasMessage("SessionMiddleware must be installed to access request.session");
        }
    }

    @Test
    void trustedHostRefusesTheHandshakeWhileHttpOnlyMiddlewareNeverSeeIt() {
        var app = new IFastAPI();
        List<String> seenByHttpMiddleware = new CopyOnWriteArrayList<>();
        app.middleware((request, next) -> {
            seenByHttpMiddleware.add(request.path());
            return next.handle(request);
        });
        app.addMiddleware(CORSMiddleware.builder().allowOrigins("https://a.example").build());
        app.addMiddleware(new GZipMiddleware());
        app.addMiddleware(TrustedHostMiddleware.builder().allowedHosts("testserver").build());
        app.websocket("/ws", ws -> {
            ws.accept();
            ws.sendText("x".repeat(2000)); // GZip would compress an HTTP body this size
            ws.close();
        });
        try (var client = new TestClient(app)) {
            try (TestWebSocket ws = client.websocketConnect("/ws", Headers.of("origin", "https://evil.example"))) {
                assertThat(ws.receiveText()).hasSize(2000);
            }
            assertThat(seenByHttpMiddleware).isEmpty();
            assertThatThrownBy(() -> client.websocketConnect("/ws", Headers.of("host", "evil.example")))
                    .isInstanceOfSatisfying(WebSocketDenied.class, d -> {
                        assertThat(d.response().status()).isEqualTo(400);
                        assertThat(d.response().text()).isEqualTo("Invalid host header");
                    });
        }
    }

    @Test
    void httpsRedirectSendsHandshakesToWssAndProxyHeadersGiveTheClientsScheme() {
        var redirected = new IFastAPI();
        redirected.addMiddleware(new io.ifastapi.middleware.HTTPSRedirectMiddleware());
        redirected.websocket("/ws", ws -> ws.accept());
        try (var client = new TestClient(redirected)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws?a=1"))
                    .isInstanceOfSatisfying(WebSocketDenied.class, d -> {
                        assertThat(d.response().status()).isEqualTo(307);
                        assertThat(d.response().header("location")).isEqualTo("wss://testserver/ws?a=1");
                    });
        }
        var proxied = new IFastAPI();
        proxied.addMiddleware(new io.ifastapi.middleware.ProxyHeadersMiddleware(
                io.ifastapi.middleware.TrustedProxies.of("*")));
        proxied.websocket("/ws", ws -> {
            ws.accept();
            ws.sendText(ws.url() + " " + ws.client().host());
            ws.close();
        });
        try (var client = new TestClient(proxied); TestWebSocket ws = client.websocketConnect("/ws",
                Headers.of("x-forwarded-proto", "https", "x-forwarded-for", "203.0.113.7"))) {
            assertThat(ws.receiveText()).isEqualTo("wss://testserver/ws 203.0.113.7");
        }
    }

    @Test
    void aMountedAppServesItsWebSockets() {
        var inner = new IFastAPI();
        inner.websocket("/ws", ws -> {
            ws.accept();
            ws.sendText(ws.request().rootPath() + " " + ws.url().path());
            ws.close();
        });
        var app = new IFastAPI();
        app.mount("/sub", inner);
        try (var client = new TestClient(app); TestWebSocket ws = client.websocketConnect("/sub/ws")) {
            assertThat(ws.receiveText()).isEqualTo("/sub /sub/ws");
        }
    }

    @Test
    void anInvalidCloseCodeIsRefusedAndTheSocketStillClosesWith1011() {
        var app = new IFastAPI();
        List<String> errors = new CopyOnWriteArrayList<>();
        app.websocket("/ws", ws -> {
            ws.accept();
            try {
                ws.close(1006);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            try {
                ws.close(1000, "x".repeat(124));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
            throw new IllegalStateException("so the route closes it");
        });
        try (var client = new TestClient(app); TestWebSocket ws = client.websocketConnect("/ws")) {
            assertThatThrownBy(ws::receiveText).isInstanceOfSatisfying(WebSocketDisconnect.class,
                    d -> assertThat(d.code()).isEqualTo(1011));
        }
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).contains("Invalid WebSocket close code 1006");
        assertThat(errors.get(1)).contains("at most 123 bytes");
    }

    @Test
    void aRouterWithDependenciesRefusesWebSocketRoutesWithTheFix() {
        var router = new Router("/api");
        router.dependencies(new Object());
        assertThatThrownBy(() -> router.websocket("/ws", ws -> ws.accept()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("router without dependencies");
    }
}
