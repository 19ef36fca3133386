package io.ifastapi.foundation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.json.JacksonJsonCodec;
import io.ifastapi.json.Json;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.ifastapi.foundation.Exchanges.send;
import static io.ifastapi.foundation.Exchanges.text;
import static org.assertj.core.api.Assertions.assertThat;

/** One JSON codec per app, used for responses, request bodies and session values alike. */
class AppJsonCodecTest {
    record Item(String itemName, int unitPrice) {
    }

    @Test
    void theAppsCodecWritesResponsesAndReadsBodies() throws Exception {
        var app = new IFastAPI().json(JacksonJsonCodec.of(Json.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));
        app.post("/items", request -> request.json(Item.class));

        Response response = send(app, "POST", "/items", "{\"item_name\":\"Dune\",\"unit_price\":9}",
                "content-type", "application/json");
        assertThat(text(response)).isEqualTo("{\"item_name\":\"Dune\",\"unit_price\":9}");
    }

    @Test
    void twoAppsInOneProcessKeepTheirOwnCodecs() throws Exception {
        var snake = new IFastAPI().json(JacksonJsonCodec.of(Json.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));
        var plain = new IFastAPI();
        snake.get("/item", request -> new Item("Dune", 9));
        plain.get("/item", request -> new Item("Dune", 9));

        assertThat(text(send(snake, "GET", "/item", null))).isEqualTo("{\"item_name\":\"Dune\",\"unit_price\":9}");
        assertThat(text(send(plain, "GET", "/item", null))).isEqualTo("{\"itemName\":\"Dune\",\"unitPrice\":9}");
    }

    /** An Optional (or a record) put in the session reads back alike whatever keeps the session. */
    @ParameterizedTest
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void sessionValuesBehaveAlikeInEveryBackend(String backend) throws Exception {
        var builder = SessionMiddleware.builder().secretKey(SecretKey.of("s".repeat(32)));
        switch (backend) {
            case "encrypted" -> builder.encrypted(true);
            case "memory" -> builder.store(new MemorySessionStore());
            default -> { }
        }
        var app = new IFastAPI();
        app.addMiddleware(builder.build());
        app.get("/put", request -> {
            request.session().put("n", Optional.of(5));
            request.session().put("none", Optional.empty());
            request.session().put("item", new Item("Dune", 9));
            return "ok";
        });
        app.get("/get", request -> Json.object("n", request.session().getInt("n"),
                "none", String.valueOf(request.session().get("none")),
                "item", request.session().get("item", Item.class)));

        Response put = send(app, "GET", "/put", null);
        assertThat(put.status()).isEqualTo(200);
        String cookie = put.headers().get("set-cookie").split(";", 2)[0];
        Response get = send(app, "GET", "/get", null, "cookie", cookie);
        assertThat(text(get)).isEqualTo("{\"n\":5,\"none\":\"null\",\"item\":{\"itemName\":\"Dune\",\"unitPrice\":9}}");
    }
}
