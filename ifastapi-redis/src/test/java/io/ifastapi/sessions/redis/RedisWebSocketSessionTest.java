package io.ifastapi.sessions.redis;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ws.session()} reads a session kept in a real Redis, as HTTP requests do; changes in the socket stay unsaved. */
class RedisWebSocketSessionTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void theWebSocketReadsTheRedisSessionOfTheHandshakesCookie() {
        RedisSessionStore store = RedisSessionStore.builder().uri(REDIS.server().uri())
                .keyPrefix("ws:" + UUID.randomUUID() + ":").build();
        var app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey("0123456789abcdef".repeat(4)).store(store).build());
        app.onShutdown(store::close);
        app.get("/set-session", request -> {
            request.session().put("key", "value");
            return Map.of("message", "Session data set");
        });
        app.get("/get-session", request -> Json.object("key", request.session().get("key")));
        app.websocket("/ws", ws -> {
            ws.accept();
            ws.sendJson(Json.object("key", ws.session().get("key")));
            ws.session().put("key", "changed in the socket");
            ws.close();
        });
        try (var client = new TestClient(app)) {
            client.get("/set-session");
            try (TestWebSocket ws = client.websocketConnect("/ws")) {
                assertThat(ws.receiveText()).isEqualTo("{\"key\":\"value\"}");
            }
            assertThat(client.get("/get-session").text()).isEqualTo("{\"key\":\"value\"}");
        }
    }
}
