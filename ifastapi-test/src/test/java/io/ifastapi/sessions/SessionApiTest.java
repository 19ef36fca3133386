package io.ifastapi.sessions;

import io.ifastapi.http.Session;
import static io.ifastapi.sessions.SessionApps.defaults;
import static io.ifastapi.sessions.SessionApps.setCookies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.http.Endpoint;
import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code request.session()} as handlers use it, across requests: every value goes through the cookie (JSON) between
 * the request that writes it and the one that reads it.
 */
class SessionApiTest {

    record Prefs(String theme, String language) {
    }

    /** Runs {@code write} in one request and {@code read} in the next, returning what {@code read} returned. */
    private static <T> T acrossRequests(Endpoint write, Function<Session, T> read) {
        var result = new AtomicReference<T>();
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/write", write);
        app.get("/read", request -> {
            result.set(read.apply(request.session()));
            return "read";
        });
        try (var client = new TestClient(app)) {
            TestResponse written = client.post("/write").send();
            assertThat(written.status()).as("the write request").isEqualTo(200);
            assertThat(client.get("/read").status()).isEqualTo(200);
        }
        return result.get();
    }

    private static Endpoint putting(Object... keysAndValues) {
        return request -> {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                request.session().put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return "ok";
        };
    }

    @Test
    void putGetContainsKeySizeKeysIsEmpty() {
        Map<String, Object> seen = acrossRequests(putting("user_id", 42, "name", "Ada", "nothing", null), s -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("get", s.get("user_id"));
            out.put("getMissing", s.get("missing"));
            out.put("containsKey", s.containsKey("name"));
            out.put("containsNullValue", s.containsKey("nothing"));
            out.put("containsMissing", s.containsKey("missing"));
            out.put("keys", List.copyOf(s.keys()));
            out.put("size", s.size());
            out.put("isEmpty", s.isEmpty());
            out.put("getOrDefault", s.getOrDefault("missing", "fallback"));
            out.put("getOrDefaultPresentNull", s.getOrDefault("nothing", "fallback"));
            return out;
        });

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("get", 42);
        expected.put("getMissing", null);
        expected.put("containsKey", true);
        expected.put("containsNullValue", true);
        expected.put("containsMissing", false);
        expected.put("keys", List.of("user_id", "name", "nothing"));
        expected.put("size", 3);
        expected.put("isEmpty", false);
        expected.put("getOrDefault", "fallback");
        expected.put("getOrDefaultPresentNull", null);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void putReturnsThePreviousValueAndRemoveTheRemovedOne() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("n", 1));
        app.post("/ops", request -> {
            Session session = request.session();
            return Arrays.asList(session.put("n", 2), session.put("new", "x"), session.remove("new"),
                    session.remove("missing"));
        });
        app.get("/view", request -> request.session().asMap());
        try (var client = new TestClient(app)) {
            client.post("/login").send();

            assertThat(client.post("/ops").send().json(List.class)).containsExactly(1, null, "x", null);
            assertThat(client.get("/view").json()).isEqualTo(Map.of("n", 2));
        }
    }

    @Test
    void removeAndClearAcrossRequests() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("a", 1, "b", 2, "c", 3));
        app.post("/remove-b", request -> request.session().remove("b"));
        app.post("/clear", request -> {
            request.session().clear();
            return request.session().isEmpty();
        });
        app.get("/view", request -> request.session().asMap());
        try (var client = new TestClient(app)) {
            client.post("/login").send();

            assertThat(client.post("/remove-b").send().json(Object.class)).isEqualTo(2);
            assertThat(client.get("/view").json()).isEqualTo(Map.of("a", 1, "c", 3));

            assertThat(client.post("/clear").send().json(Object.class)).isEqualTo(true);
            assertThat(client.get("/view").json()).isEmpty();
        }
    }

    @Test
    void typedReads() {
        Map<String, Object> seen = acrossRequests(
                putting("user_id", 42, "big", 5_000_000_000L, "ratio", 0.25, "name", "Ada", "admin", true,
                        "prefs", new Prefs("dark", "en"), "tags", List.of("a", "b")),
                s -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("getInt", s.getInt("user_id"));
                    out.put("getIntMissing", s.getInt("missing"));
                    out.put("getIntDefault", s.getInt("missing", 7));
                    out.put("getIntDefaultPresent", s.getInt("user_id", 7));
                    out.put("getLong", s.getLong("big"));
                    out.put("getLongOfAnInt", s.getLong("user_id"));
                    out.put("getLongDefault", s.getLong("missing", 9L));
                    out.put("getDouble", s.getDouble("ratio"));
                    out.put("getDoubleOfAnInt", s.getDouble("user_id"));
                    out.put("getString", s.getString("name"));
                    out.put("getStringMissing", s.getString("missing"));
                    out.put("getBoolean", s.getBoolean("admin"));
                    out.put("getBooleanDefault", s.getBoolean("missing", false));
                    out.put("record", s.get("prefs", Prefs.class));
                    out.put("recordAsStored", s.get("prefs"));
                    out.put("list", s.get("tags", List.class));
                    out.put("integerByType", s.get("user_id", Integer.class));
                    out.put("absentByType", s.get("missing", Prefs.class));
                    return out;
                });

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("getInt", 42);
        expected.put("getIntMissing", null);
        expected.put("getIntDefault", 7);
        expected.put("getIntDefaultPresent", 42);
        expected.put("getLong", 5_000_000_000L);
        expected.put("getLongOfAnInt", 42L);
        expected.put("getLongDefault", 9L);
        expected.put("getDouble", 0.25);
        expected.put("getDoubleOfAnInt", 42.0);
        expected.put("getString", "Ada");
        expected.put("getStringMissing", null);
        expected.put("getBoolean", true);
        expected.put("getBooleanDefault", false);
        expected.put("record", new Prefs("dark", "en"));
        expected.put("recordAsStored", Map.of("theme", "dark", "language", "en"));
        expected.put("list", List.of("a", "b"));
        expected.put("integerByType", 42);
        expected.put("absentByType", null);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aTypedReadOfTheWrongTypeSaysWhichKeyAndWhatItHolds() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("name", "Ada", "n", 1));
        app.get("/int-of-string", request -> request.session().getInt("name"));
        app.get("/string-of-int", request -> request.session().getString("n"));
        app.get("/boolean-of-string", request -> request.session().getBoolean("name"));
        app.get("/record-of-string", request -> request.session().get("name", Prefs.class));
        try (var client = new TestClient(app)) {
            client.post("/login").send();

            assertThatThrownBy(() -> client.get("/int-of-string")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Session value 'name' is String, not a number");
            assertThatThrownBy(() -> client.get("/string-of-int")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Session value 'n' is Integer, not a string");
            assertThatThrownBy(() -> client.get("/boolean-of-string")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Session value 'name' is String, not a boolean");
            assertThatThrownBy(() -> client.get("/record-of-string")).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Session value 'name' cannot be read as Prefs");
        }
    }

    @Test
    void valuesComeBackAsJsonTypes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", new ArrayList<>(List.of(1, "two", false)));
        nested.put("empty", Map.of());
        Map<String, Object> seen = acrossRequests(putting(
                "int", 42, "long", 1L << 40, "bigint", BigInteger.TWO.pow(70), "smallLong", 7L,
                "double", 1.5, "wholeDouble", 2.0, "float", 0.1f, "negativeZero", -0.0,
                "string", "Zo\u00eb \ud83d\ude00 \"quoted\" \\ </script>", "true", true, "null", null,
                "nested", nested, "record", new Prefs("dark", "en"), "date", LocalDate.of(2026, 1, 1),
                "optional", Optional.of("x"), "emptyOptional", Optional.empty(), "array", new int[] {1, 2}),
                s -> new LinkedHashMap<>(s.asMap()));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("int", 42);
        expected.put("long", 1L << 40);
        expected.put("bigint", BigInteger.TWO.pow(70));
        expected.put("smallLong", 7); // the smallest type that holds it, as any JSON number
        expected.put("double", 1.5);
        expected.put("wholeDouble", 2.0);
        expected.put("float", 0.1); // Jackson writes the float's shortest repr
        expected.put("negativeZero", -0.0);
        expected.put("string", "Zo\u00eb \ud83d\ude00 \"quoted\" \\ </script>");
        expected.put("true", true);
        expected.put("null", null);
        expected.put("nested", Map.of("list", List.of(1, "two", false), "empty", Map.of()));
        expected.put("record", Map.of("theme", "dark", "language", "en"));
        expected.put("date", "2026-01-01");
        expected.put("optional", "x");
        expected.put("emptyOptional", null);
        expected.put("array", List.of(1, 2));
        assertThat(seen).isEqualTo(expected);
        assertThat(seen.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(seen.get("long")).isInstanceOf(Long.class);
        assertThat(seen.get("wholeDouble")).isInstanceOf(Double.class);
        assertThat(Double.doubleToRawLongBits((Double) seen.get("negativeZero")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void aNullKeyIsRefusedAtOnce() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/", request -> request.session().put(null, "x"));
        try (var client = new TestClient(app)) {
            assertThatThrownBy(() -> client.post("/").send()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Session keys must not be null");
        }
    }

    @Test
    void aValueThatIsNotJsonFailsWhenTheSessionIsSaved() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/", request -> request.session().put("thread", new Object()));
        try (var client = new TestClient(app)) {
            assertThatThrownBy(() -> client.post("/").send()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot store a java.lang.Object in a session as JSON");
        }
    }

    @Test
    void toStringShowsTheValuesLikeAMap() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("user_id", 42, "visits", 3));
        app.get("/string", request -> request.session().toString());
        try (var client = new TestClient(app)) {
            assertThat(client.get("/string").json(String.class)).isEqualTo("Session{}");
            client.post("/login").send();

            assertThat(client.get("/string").json(String.class)).isEqualTo("Session{user_id=42, visits=3}");
        }
    }

    @Test
    void asMapIsReadOnlyAndKeysToo() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("a", 1));
        app.post("/write-asMap", request -> request.session().asMap().put("b", 2));
        app.post("/write-keys", request -> request.session().keys().remove("a"));
        try (var client = new TestClient(app)) {
            client.post("/login").send();

            assertThatThrownBy(() -> client.post("/write-asMap").send())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> client.post("/write-keys").send())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void invalidateEndsACookieSession() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("user", 42));
        app.post("/logout", request -> {
            request.session().invalidate();
            return "bye";
        });
        app.get("/view", request -> request.session().asMap());
        try (var client = new TestClient(app)) {
            client.post("/login").send();

            assertThat(client.post("/logout").send().header("set-cookie")).startsWith("session=null; path=/; expires=");
            assertThat(client.get("/view").json()).isEmpty();
        }
    }

    @Test
    void regenerateIdReissuesACookieSessionWithItsData() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/login", putting("user", 42));
        app.post("/regenerate", request -> {
            request.session().regenerateId();
            return Json.object("id", ((SessionData) request.session()).id());
        });
        app.get("/view", request -> request.session().asMap());
        try (var client = new TestClient(app)) {
            client.post("/login").send();

            TestResponse response = client.post("/regenerate").send();

            assertThat(response.json()).containsEntry("id", null); // cookie sessions have no id
            assertThat(setCookies(response)).hasSize(1);
            assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));
        }
    }

    @Test
    void theSessionIsOneObjectForTheWholeRequest() {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/", request -> {
            request.session().put("a", 1);
            return request.session() == request.session() && request.session().getInt("a") == 1;
        });
        try (var client = new TestClient(app)) {
            assertThat(client.post("/").send().json(Object.class)).isEqualTo(true);
        }
    }
}
