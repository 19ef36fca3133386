package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.setCookies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cookies minted by the real Starlette (the test resource {@code vectors/starlette-session-cookies.json}), end to end
 * through SessionMiddleware and a TestClient, with the middleware's clock frozen at the vector's time: a handler sees exactly
 * the session Starlette stored, and a handler that stores that session sends exactly Starlette's Set-Cookie header.
 * StarletteVectorsTest checks the codec alone; this checks that nothing between the codec and the wire changes a byte.
 */
class StarletteInteropMiddlewareTest {

    /** An app whose {@code GET /read} captures the session it sees and {@code POST /write} stores {@code toWrite}. */
    private static IFastAPI app(SessionMiddleware middleware, AtomicReference<Map<String, Object>> seen,
            Map<String, Object> toWrite) {
        var app = new IFastAPI();
        app.addMiddleware(middleware);
        app.get("/read", request -> {
            seen.set(new LinkedHashMap<>(request.session().asMap()));
            return "read";
        });
        app.post("/write", request -> {
            toWrite.forEach(request.session()::put);
            return "written";
        });
        return app;
    }

    @TestFactory
    Stream<DynamicTest> aStarletteCookieReadsAsItsSessionAndTheSessionWritesAsItsCookie() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode vector : StarletteVectorsTest.vectors().get("valid")) {
            String label = "valid #" + index++ + " " + abbreviate(vector.get("session").toString());
            tests.add(dynamicTest("read " + label, () -> read(vector)));
            tests.add(dynamicTest("write " + label, () -> write(vector)));
        }
        return tests.stream();
    }

    private static SessionMiddleware middleware(JsonNode vector, long now, Duration maxAge) {
        return SessionMiddleware.builder()
                .secretKey(vector.get("secret_key").asText())
                .maxAge(maxAge)
                .clock(StarletteVectorsTest.frozenAt(now))
                .build();
    }

    private static void read(JsonNode vector) {
        Map<String, Object> expected = StarletteVectorsTest.session(vector.get("session"));
        var seen = new AtomicReference<Map<String, Object>>();
        long timestamp = vector.get("timestamp").asLong();
        IFastAPI app = app(middleware(vector, timestamp, Duration.ofDays(14)), seen, Map.of());
        try (var client = new TestClient(app)) {
            TestResponse response = client.request("GET", "/read")
                    .cookie("session", vector.get("cookie").asText()).send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(seen.get()).isEqualTo(expected);
            assertThat(seen.get().keySet()).containsExactlyElementsOf(expected.keySet());
            assertThat(setCookies(response)).as("reading is no change").isEmpty();
            assertThat(response.header("vary")).isEqualTo("Cookie");
        }
    }

    private static void write(JsonNode vector) {
        Map<String, Object> session = StarletteVectorsTest.session(vector.get("session"));
        long timestamp = vector.get("timestamp").asLong();
        IFastAPI app = app(middleware(vector, timestamp, Duration.ofDays(14)), new AtomicReference<>(), session);
        try (var client = new TestClient(app)) {
            TestResponse response = client.post("/write").send();

            assertThat(response.headers().getAll("set-cookie"))
                    .containsExactly(vector.get("set_cookie_header").asText());
        }
    }

    @TestFactory
    Stream<DynamicTest> aCookieStarletteRefusedGivesTheSessionStarletteGave() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : StarletteVectorsTest.vectors().get("invalid")) {
            tests.add(dynamicTest(vector.get("name").asText(), () -> {
                Map<String, Object> starlette = StarletteVectorsTest.session(vector.get("starlette_session"));
                var seen = new AtomicReference<Map<String, Object>>();
                SessionMiddleware middleware = middleware(vector, vector.get("now").asLong(),
                        Duration.ofSeconds(vector.get("max_age").asLong()));
                try (var client = new TestClient(app(middleware, seen, Map.of()))) {
                    TestResponse response = client.request("GET", "/read")
                            .cookie("session", vector.get("cookie").asText()).send();

                    assertThat(response.status()).isEqualTo(200);
                    assertThat(seen.get()).isEqualTo(starlette);
                    assertThat(setCookies(response)).as("a refused cookie is not cleared").isEmpty();
                }
            }));
        }
        return tests.stream();
    }

    private static String abbreviate(String text) {
        return text.length() <= 50 ? text : text.substring(0, 47) + "...";
    }
}
