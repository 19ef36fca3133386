package io.ifastapi.sessions;

import io.ifastapi.http.Session;
import static io.ifastapi.sessions.SessionApps.cookieValue;
import static io.ifastapi.sessions.SessionApps.defaults;
import static io.ifastapi.sessions.SessionApps.sessionOf;
import static io.ifastapi.sessions.SessionApps.setCookies;
import static io.ifastapi.sessions.SessionApps.starletteApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The counterpart of every test in Starlette's {@code tests/middleware/test_session.py} (Starlette 1.x, with the
 * access and modification tracking of Kludex/starlette#3166), through the same three endpoints and a TestClient.
 * Each test names its Starlette original. Where iFastAPI is stricter than Starlette the test says so.
 */
class SessionMiddlewareStarletteTest {

    private static final Map<String, Object> SOME_DATA = Map.of("some", "data");

    // Starlette: test_session
    @Test
    void sessionPersistsAcrossRequestsAndClears() {
        try (var client = new TestClient(starletteApp(defaults().build()))) {
            assertThat(sessionOf(client.get("/view_session"))).isEmpty();

            TestResponse updated = client.post("/update_session", SOME_DATA);
            assertThat(sessionOf(updated)).isEqualTo(SOME_DATA);
            Matcher maxAge = Pattern.compile("; Max-Age=([0-9]+);").matcher(updated.header("set-cookie"));
            assertThat(maxAge.find()).isTrue();
            assertThat(Integer.parseInt(maxAge.group(1))).isEqualTo(14 * 24 * 3600);

            assertThat(sessionOf(client.get("/view_session"))).isEqualTo(SOME_DATA);

            assertThat(sessionOf(client.post("/clear_session").send())).isEmpty();

            assertThat(sessionOf(client.get("/view_session"))).isEmpty();
        }
    }

    // Starlette: test_session_expires (max_age=-1)
    @Test
    void aNegativeMaxAgeExpiresTheCookieAtOnce() {
        IFastAPI app = starletteApp(defaults().maxAge(-1).build());
        String expiredValue;
        try (var client = new TestClient(app)) {
            TestResponse updated = client.post("/update_session", SOME_DATA);
            assertThat(sessionOf(updated)).isEqualTo(SOME_DATA);
            assertThat(updated.header("set-cookie")).contains("; Max-Age=-1; ");
            // The jar drops a cookie whose Max-Age is not positive, as browsers and httpx do; take it from the header.
            assertThat(client.cookies().get("session")).isNull();
            Matcher value = Pattern.compile("session=([^;]*);").matcher(updated.header("set-cookie"));
            assertThat(value.find()).isTrue();
            expiredValue = value.group(1);
        }
        try (var client = new TestClient(app)) {
            TestResponse viewed = client.request("GET", "/view_session").cookie("session", expiredValue).send();

            assertThat(viewed.status()).isEqualTo(200);
            assertThat(sessionOf(viewed)).isEmpty();
        }
    }

    // Starlette: test_secure_session (https_only=True)
    @Test
    void httpsOnlyPersistsNothingOverHttpAndEverythingOverHttps() {
        IFastAPI app = starletteApp(defaults().httpsOnly(true).build());
        try (var secure = new TestClient(app, "https://testserver");
             var insecure = new TestClient(app, "http://testserver")) {
            assertThat(sessionOf(insecure.get("/view_session"))).isEmpty();
            TestResponse overHttp = insecure.post("/update_session", SOME_DATA);
            assertThat(sessionOf(overHttp)).isEqualTo(SOME_DATA);
            // Starlette sends the Secure cookie and lets the browser drop it; iFastAPI does not send it at all.
            assertThat(setCookies(overHttp)).isEmpty();
            assertThat(sessionOf(insecure.get("/view_session"))).isEmpty();

            assertThat(sessionOf(secure.get("/view_session"))).isEmpty();
            TestResponse overHttps = secure.post("/update_session", SOME_DATA);
            assertThat(sessionOf(overHttps)).isEqualTo(SOME_DATA);
            assertThat(overHttps.header("set-cookie")).endsWith("; httponly; samesite=lax; secure");
            assertThat(sessionOf(secure.get("/view_session"))).isEqualTo(SOME_DATA);
            assertThat(sessionOf(secure.post("/clear_session").send())).isEmpty();
            assertThat(sessionOf(secure.get("/view_session"))).isEmpty();
        }
    }

    // Starlette: test_session_cookie_subpath (a Mount("/second_app") whose SessionMiddleware has path="/second_app")
    @Test
    void aMountedSubAppSetsItsCookieOnItsMountPath() {
        var second = new IFastAPI();
        second.addMiddleware(defaults().path("/second_app").build());
        second.post("/update_session", request -> {
            request.json().forEach(request.session()::put);
            return Json.object("session", request.session().asMap());
        });
        second.get("/view_session", request -> Json.object("session", request.session().asMap()));
        var app = new IFastAPI();
        app.mount("/second_app", second);
        app.get("/elsewhere", request -> Map.of("cookies", request.cookies()));

        try (var client = TestClient.builder(app).baseUrl("http://testserver/second_app").build()) {
            TestResponse response = client.post("/update_session", SOME_DATA);

            assertThat(response.status()).isEqualTo(200);
            Matcher path = Pattern.compile("; path=(\\S+);").matcher(response.header("set-cookie"));
            assertThat(path.find()).isTrue();
            assertThat(path.group(1)).isEqualTo("/second_app");
            // And the browser sends it back under the mount only.
            assertThat(sessionOf(client.get("/view_session"))).isEqualTo(SOME_DATA);
            assertThat(client.get("http://testserver/elsewhere").json()).isEqualTo(Map.of("cookies", Map.of()));
        }
    }

    // Starlette: test_invalid_session_cookie
    @Test
    void aBogusCookieGivesAnEmptySessionWithoutAnError() {
        IFastAPI app = starletteApp(defaults().build());
        try (var client = new TestClient(app)) {
            assertThat(sessionOf(client.post("/update_session", SOME_DATA))).isEqualTo(SOME_DATA);
        }
        try (var client = new TestClient(app)) {
            TestResponse response = client.request("GET", "/view_session").cookie("session", "invalid").send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(sessionOf(response)).isEmpty();
            assertThat(setCookies(response)).as("a bad cookie is not cleared").isEmpty();
        }
    }

    // Starlette: test_session_cookie (max_age=None)
    @Test
    void noMaxAgeMakesABrowserSessionCookie() {
        try (var client = new TestClient(starletteApp(defaults().maxAge((Duration) null).build()))) {
            TestResponse response = client.post("/update_session", SOME_DATA);
            assertThat(sessionOf(response)).isEqualTo(SOME_DATA);

            assertThat(response.header("set-cookie")).doesNotContain("Max-Age").doesNotContain("expires");
            assertThat(client.cookies().find("session").orElseThrow().persistent()).isFalse();

            client.cookies().remove("session");
            assertThat(sessionOf(client.get("/view_session"))).isEmpty();
        }
    }

    // Starlette: test_domain_cookie (domain=".example.com")
    @Test
    void theDomainOptionIsWrittenAsIs() {
        try (var client = new TestClient(starletteApp(defaults().domain(".example.com").build()))) {
            TestResponse response = client.post("/update_session", SOME_DATA);
            assertThat(sessionOf(response)).isEqualTo(SOME_DATA);

            assertThat(response.header("set-cookie")).contains("domain=.example.com");

            client.cookies().remove("session");
            assertThat(sessionOf(client.get("/view_session"))).isEmpty();
        }
    }

    // Starlette: test_set_cookie_only_on_modification
    @Test
    void setCookieOnlyWhenTheSessionWasModified() {
        try (var client = new TestClient(starletteApp(defaults().build()))) {
            TestResponse written = client.post("/update_session", SOME_DATA);
            assertThat(written.headers().contains("set-cookie")).isTrue();

            TestResponse read = client.get("/view_session");
            assertThat(sessionOf(read)).isEqualTo(SOME_DATA);
            assertThat(read.headers().contains("set-cookie")).isFalse();
        }
    }

    // Starlette: test_vary_cookie_on_access
    @Test
    void varyCookieWhenTheSessionWasAccessed() {
        try (var client = new TestClient(starletteApp(defaults().build()))) {
            assertThat(vary(client.post("/update_session", SOME_DATA))).containsIgnoringCase("cookie");
            assertThat(vary(client.get("/view_session"))).containsIgnoringCase("cookie");
            assertThat(vary(client.get("/no_session"))).doesNotContainIgnoringCase("cookie");
        }
    }

    private static String vary(TestResponse response) {
        String vary = response.header("vary");
        return vary == null ? "" : vary;
    }

    /** What each operation does to a session that came in as {"a": "1", "b": "2"}. */
    enum Outcome { SAVED, CLEARED, NO_COOKIE }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("put a new key (__setitem__)", op(s -> s.put("c", "3")), Outcome.SAVED),
                Arguments.of("remove a key (__delitem__)", op(s -> s.remove("a")), Outcome.SAVED),
                Arguments.of("clear", op(Session::clear), Outcome.CLEARED),
                Arguments.of("remove every key", op(s -> {
                    s.remove("a");
                    s.remove("b");
                }), Outcome.CLEARED),
                Arguments.of("remove an existing key (pop)", op(s -> s.remove("b")), Outcome.SAVED),
                Arguments.of("remove a missing key (pop with default)", op(s -> s.remove("missing")),
                        Outcome.NO_COOKIE),
                Arguments.of("put a missing key if absent (setdefault)", op(s -> putIfAbsent(s, "c", "3")),
                        Outcome.SAVED),
                Arguments.of("put an existing key if absent (setdefault)", op(s -> putIfAbsent(s, "a", "2")),
                        Outcome.NO_COOKIE),
                // Beyond Starlette, which counts the call rather than the content:
                Arguments.of("put the value a key already has", op(s -> s.put("a", "1")), Outcome.NO_COOKIE),
                Arguments.of("read every key", op(s -> s.keys().forEach(s::get)), Outcome.NO_COOKIE));
    }

    private static Consumer<Session> op(Consumer<Session> operation) {
        return operation;
    }

    private static void putIfAbsent(Session session, String key, Object value) {
        if (!session.containsKey(key)) {
            session.put(key, value);
        }
    }

    // Starlette: test_session_tracks_modification, asserted on the wire instead of on a flag
    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void whichOperationsCountAsAModification(String name, Consumer<Session> operation, Outcome expected) {
        var app = new IFastAPI();
        app.addMiddleware(defaults().build());
        app.post("/seed", request -> {
            request.session().put("a", "1");
            request.session().put("b", "2");
            return "seeded";
        });
        app.post("/operate", request -> {
            operation.accept(request.session());
            return "done";
        });
        app.get("/view_session", request -> Json.object("session", request.session().asMap()));
        SessionData expectedAfter = new SessionData(new LinkedHashMap<>(Map.of("a", "1", "b", "2")), null);
        operation.accept(expectedAfter);
        try (var client = new TestClient(app)) {
            client.post("/seed").send();

            TestResponse response = client.post("/operate").send();

            switch (expected) {
                case SAVED -> assertThat(cookieValue(response)).isNotEqualTo("null");
                case CLEARED -> assertThat(response.header("set-cookie")).isEqualTo(
                        "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax");
                case NO_COOKIE -> assertThat(setCookies(response)).isEmpty();
            }
            assertThat(response.header("vary")).isEqualTo("Cookie");
            assertThat(sessionOf(client.get("/view_session"))).isEqualTo(expectedAfter.plainValues());
        }
    }
}
