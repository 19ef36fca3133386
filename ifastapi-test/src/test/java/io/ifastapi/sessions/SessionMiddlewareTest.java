package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.SECRET;
import static io.ifastapi.sessions.SessionApps.START;
import static io.ifastapi.sessions.SessionApps.cookieValue;
import static io.ifastapi.sessions.SessionApps.defaults;
import static io.ifastapi.sessions.SessionApps.setCookies;
import static io.ifastapi.sessions.SessionApps.signedCookie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.http.HTTPException;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.http.SameSite;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.CapturedStderr;
import io.ifastapi.testsupport.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cookie sessions through the middleware and a real app: the cookie's attributes, bad cookies, when a cookie is
 * sent, change detection by content, saving when the handler fails, and the 4 KB limit.
 */
class SessionMiddlewareTest {

    private static final Clock FIXED = Clock.fixed(START, ZoneOffset.UTC);

    /**
     * {@code POST /login} puts user=42, {@code POST /logout} clears, {@code GET /view} returns the session; all under
     * {@code /app} too, so that a cookie with {@code path=/app} comes back.
     */
    private static IFastAPI app(SessionMiddleware middleware) {
        var app = new IFastAPI();
        app.addMiddleware(middleware);
        for (String prefix : List.of("", "/app")) {
            app.post(prefix + "/login", request -> {
                request.session().put("user", 42);
                return "ok";
            });
            app.post(prefix + "/logout", request -> {
                request.session().clear();
                return "bye";
            });
            app.get(prefix + "/view", request -> request.session().asMap());
        }
        app.get("/untouched", request -> "no session here");
        return app;
    }

    @Nested
    class CookieAttributes {

        static Stream<Arguments> options() {
            return Stream.of(
                    Arguments.of("Starlette's defaults", op(b -> b),
                            "session=", "; path=/; Max-Age=1209600; httponly; samesite=lax",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"),
                    Arguments.of("cookieName", op(b -> b.cookieName("sid")),
                            "sid=", "; path=/; Max-Age=1209600; httponly; samesite=lax",
                            "sid=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"),
                    Arguments.of("maxAge of an hour", op(b -> b.maxAge(Duration.ofHours(1))),
                            "session=", "; path=/; Max-Age=3600; httponly; samesite=lax",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"),
                    Arguments.of("maxAge none", op(b -> b.maxAge((Duration) null)),
                            "session=", "; path=/; httponly; samesite=lax",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"),
                    Arguments.of("maxAge 0 writes no Max-Age, as Starlette's 'if max_age'", op(b -> b.maxAge(0)),
                            "session=", "; path=/; httponly; samesite=lax",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"),
                    Arguments.of("path", op(b -> b.path("/app")),
                            "session=", "; path=/app; Max-Age=1209600; httponly; samesite=lax",
                            "session=null; path=/app; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax"),
                    Arguments.of("sameSite strict", op(b -> b.sameSite("strict")),
                            "session=", "; path=/; Max-Age=1209600; httponly; samesite=strict",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=strict"),
                    Arguments.of("sameSite none, with httpsOnly", op(b -> b.sameSite(SameSite.NONE).httpsOnly(true)),
                            "session=", "; path=/; Max-Age=1209600; httponly; samesite=none; secure",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=none; "
                                    + "secure"),
                    Arguments.of("httpsOnly", op(b -> b.httpsOnly(true)),
                            "session=", "; path=/; Max-Age=1209600; httponly; samesite=lax; secure",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax; "
                                    + "secure"),
                    Arguments.of("domain", op(b -> b.domain("example.com")),
                            "session=", "; path=/; Max-Age=1209600; httponly; samesite=lax; domain=example.com",
                            "session=null; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=lax; "
                                    + "domain=example.com"),
                    Arguments.of("everything at once", op(b -> b.cookieName("sid").path("/app").maxAge(60)
                                    .sameSite("strict").httpsOnly(true).domain("example.com")),
                            "sid=", "; path=/app; Max-Age=60; httponly; samesite=strict; secure; domain=example.com",
                            "sid=null; path=/app; expires=Thu, 01 Jan 1970 00:00:00 GMT; httponly; samesite=strict; "
                                    + "secure; domain=example.com"));
        }

        private static UnaryOperator<SessionMiddleware.Builder> op(UnaryOperator<SessionMiddleware.Builder> op) {
            return op;
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("options")
        void theSetCookieAndClearCookieHeadersAreStarlettes(String name,
                UnaryOperator<SessionMiddleware.Builder> options, String prefix, String attributes,
                String clearHeader) {
            IFastAPI app = app(options.apply(defaults().clock(FIXED)).build());
            try (var client = new TestClient(app, "https://example.com")) {
                TestResponse login = client.post("/app/login").send();

                assertThat(setCookies(login)).hasSize(1);
                String header = login.header("set-cookie");
                String value = header.substring(prefix.length(), header.indexOf(';'));
                assertThat(header).isEqualTo(prefix + value + attributes);
                assertThat(value).isEqualTo(signedCookie(Map.of("user", 42), START));
                assertThat(client.get("/app/view").json()).isEqualTo(Map.of("user", 42));

                TestResponse logout = client.post("/app/logout").send();

                assertThat(logout.headers().getAll("set-cookie")).containsExactly(clearHeader);
                assertThat(client.get("/app/view").json()).isEmpty();
            }
        }

        @Test
        void theDefaultsAreStarlettes() {
            assertThat(SessionMiddleware.Builder.DEFAULT_MAX_AGE).isEqualTo(Duration.ofDays(14));
            try (var client = new TestClient(app(defaults().build()))) {
                var cookie = SessionApps.sessionCookie(client.post("/login").send());

                assertThat(cookie.name()).isEqualTo("session");
                assertThat(cookie.maxAge()).isEqualTo(14 * 24 * 3600L);
                assertThat(cookie.path()).isEqualTo("/");
                assertThat(cookie.sameSite()).isEqualTo(SameSite.LAX);
                assertThat(cookie.httpOnly()).isTrue();
                assertThat(cookie.secure()).isFalse();
                assertThat(cookie.domain()).isNull();
            }
        }

        @Test
        void sameSiteMustBeLaxStrictOrNone() {
            assertThatThrownBy(() -> defaults().sameSite("sideways"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lax, strict, none");
            try (var client = new TestClient(app(defaults().sameSite(" STRICT ").build()))) {
                assertThat(client.post("/login").send().header("set-cookie")).endsWith("; samesite=strict");
            }
        }

        @Test
        void aPathMustStartWithASlash() {
            assertThatThrownBy(() -> defaults().path("app").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must start with '/'");
        }

        @Test
        void varyCookieIsAddedToAVaryTheHandlerSet() {
            var app = new IFastAPI();
            app.addMiddleware(defaults().build());
            app.get("/", request -> Response.json(request.session().asMap()).header("Vary", "Accept-Encoding"));

            try (var client = new TestClient(app)) {
                assertThat(client.get("/").headers().getAll("vary")).containsExactly("Accept-Encoding, Cookie");
            }
        }

        @Test
        void readingAnEmptySessionWithoutACookieAddsVaryButNoCookie() {
            try (var client = new TestClient(app(defaults().build()))) {
                TestResponse response = client.get("/view");

                assertThat(response.header("vary")).isEqualTo("Cookie");
                assertThat(setCookies(response)).isEmpty();
            }
        }

        @Test
        void aHandlerThatDoesNotTouchTheSessionGetsNeitherVaryNorCookie() {
            try (var client = new TestClient(app(defaults().build()))) {
                client.post("/login").send();

                TestResponse response = client.get("/untouched");

                assertThat(response.headers().contains("vary")).isFalse();
                assertThat(setCookies(response)).isEmpty();
            }
        }
    }

    @Nested
    class BadCookies {

        static Stream<Arguments> badCookies() {
            String valid = signedCookie(Map.of("user", 42), START);
            String otherKey = new SignedCookieCodec(List.of(SecretKey.of(SessionApps.OTHER_SECRET)), null, FIXED)
                    .encode(Map.of("user", 42));
            int sig = valid.lastIndexOf('.');
            return Stream.of(
                    Arguments.of("garbage", "invalid"),
                    Arguments.of("what a cleared cookie holds", "null"),
                    Arguments.of("only dots", ".."),
                    Arguments.of("a flipped signature character", valid.substring(0, sig + 1)
                            + (valid.charAt(sig + 1) == 'A' ? 'B' : 'A') + valid.substring(sig + 2)),
                    Arguments.of("the payload of another session", signedCookie(Map.of("user", 1), START)
                            .substring(0, valid.indexOf('.')) + valid.substring(valid.indexOf('.'))),
                    Arguments.of("signed with another key", otherKey),
                    Arguments.of("truncated", valid.substring(0, valid.length() - 3)),
                    Arguments.of("without its signature", valid.substring(0, sig)),
                    Arguments.of("one day past max_age", signedCookie(Map.of("user", 42),
                            START.minus(Duration.ofDays(15)))),
                    Arguments.of("one second past max_age", signedCookie(Map.of("user", 42),
                            START.minus(Duration.ofDays(14)).minusSeconds(1))),
                    Arguments.of("dated in the future", signedCookie(Map.of("user", 42), START.plusSeconds(3600))),
                    Arguments.of("an encrypted cookie sent to a signed-cookie app",
                            SessionApps.encryptedCookie(Map.of("user", 42), START)),
                    Arguments.of("a JSON array, authentic", signedArray()),
                    Arguments.of("non-ASCII", "s\u00e9ssion"),
                    Arguments.of("huge", "A".repeat(70_000)));
        }

        /** A cookie our key signed whose payload is JSON but not an object: Starlette would answer 500. */
        private static String signedArray() {
            var signer = new TimestampSigner(List.of(SecretKey.of(SECRET)), FIXED);
            return signer.sign(Base64.getEncoder().encodeToString("[1, 2]".getBytes(StandardCharsets.UTF_8)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badCookies")
        void givesAnEmptySessionAnd200AndIsNotCleared(String name, String cookie) {
            try (var client = new TestClient(app(defaults().clock(FIXED).build()))) {
                TestResponse response = client.request("GET", "/view").cookie("session", cookie).send();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json()).isEmpty();
                assertThat(setCookies(response)).isEmpty();
                assertThat(response.header("vary")).isEqualTo("Cookie");
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badCookies")
        void isReplacedWhenTheHandlerWritesANewSession(String name, String cookie) {
            try (var client = new TestClient(app(defaults().clock(FIXED).build()))) {
                TestResponse response = client.request("POST", "/login").cookie("session", cookie).send();

                assertThat(cookieValue(response)).isEqualTo(signedCookie(Map.of("user", 42), START));
            }
        }

        @Test
        void aCookieExactlyMaxAgeOldIsStillValidAndOneSecondMoreIsNot() {
            var clock = new MutableClock(START);
            // The jar keeps its own (system) clock, so that only the middleware's age check is exercised.
            try (var client = new TestClient(app(defaults().clock(clock).build()))) {
                client.post("/login").send();

                clock.advance(Duration.ofDays(14));
                assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));

                clock.advance(Duration.ofSeconds(1));
                TestResponse expired = client.get("/view");
                assertThat(expired.json()).isEmpty();
                assertThat(setCookies(expired)).isEmpty();
            }
        }

        @Test
        void withNoMaxAgeAnOldCookieIsStillValid() {
            var clock = new MutableClock(START);
            try (var client = new TestClient(app(defaults().maxAge((Duration) null).clock(clock).build()))) {
                client.post("/login").send();

                clock.advance(Duration.ofDays(3650));

                assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));
            }
        }

        @Test
        void aCookieForAnotherNameIsIgnored() {
            try (var client = new TestClient(app(defaults().cookieName("sid").build()))) {
                client.cookies().set("session", signedCookie(Map.of("user", 42), START));

                assertThat(client.get("/view").json()).isEmpty();
            }
        }
    }

    @Nested
    class WhenACookieIsSent {

        @Test
        void aValidCookieHoldingAnEmptySessionIsNotClearedByAReadOnlyRequest() {
            try (var client = new TestClient(app(defaults().clock(FIXED).build()))) {
                TestResponse response = client.request("GET", "/view")
                        .cookie("session", signedCookie(Map.of(), START)).send();

                assertThat(response.json()).isEmpty();
                assertThat(setCookies(response)).isEmpty();
            }
        }

        @Test
        void clearingASessionThatCameInEmptySendsNothing() {
            try (var client = new TestClient(app(defaults().clock(FIXED).build()))) {
                assertThat(setCookies(client.post("/logout").send())).isEmpty();
                assertThat(setCookies(client.request("POST", "/logout")
                        .cookie("session", signedCookie(Map.of(), START)).send())).isEmpty();
            }
        }

        @Test
        void clearingASessionThatCameInNonEmptyClearsTheCookieOnce() {
            try (var client = new TestClient(app(defaults().build()))) {
                client.post("/login").send();

                assertThat(client.post("/logout").send().header("set-cookie")).startsWith("session=null; ");
                assertThat(client.cookies().get("session")).isNull();
                assertThat(setCookies(client.post("/logout").send())).isEmpty();
            }
        }

        @Test
        void aWriteThatEmptiesAFreshSessionSendsNothing() {
            var app = new IFastAPI();
            app.addMiddleware(defaults().build());
            app.post("/", request -> {
                request.session().put("tmp", 1);
                request.session().remove("tmp");
                return "ok";
            });
            try (var client = new TestClient(app)) {
                TestResponse response = client.post("/").send();

                assertThat(setCookies(response)).isEmpty();
                assertThat(response.header("vary")).isEqualTo("Cookie");
            }
        }

        @Test
        void theCookieIsTheSignedJsonOfTheSession() {
            try (var client = new TestClient(app(defaults().clock(FIXED).build()))) {
                String value = cookieValue(client.post("/login").send());

                DecodeResult decoded = SessionApps.decode(value, SECRET, false);
                assertThat(decoded.session()).isEqualTo(Map.of("user", 42));
                assertThat(decoded.payloadJson()).isEqualTo("{\"user\": 42}");
                assertThat(decoded.issuedAt()).isEqualTo(START);
            }
        }
    }

    @Nested
    class ChangesJudgedByContent {

        @SuppressWarnings("unchecked")
        private IFastAPI cartApp() {
            var app = new IFastAPI();
            app.addMiddleware(defaults().build());
            app.post("/seed", request -> {
                Map<String, Object> prefs = new LinkedHashMap<>();
                prefs.put("theme", "light");
                prefs.put("tags", new ArrayList<>(List.of("a")));
                request.session().put("cart", new ArrayList<>(List.of("apple")));
                request.session().put("prefs", prefs);
                request.session().put("n", 1);
                return "seeded";
            });
            app.post("/add-to-cart", request -> {
                ((List<Object>) request.session().get("cart")).add("pear");
                return "ok";
            });
            app.post("/set-theme", request -> {
                ((Map<String, Object>) request.session().get("prefs")).put("theme", "dark");
                return "ok";
            });
            app.post("/deep", request -> {
                Map<String, Object> prefs = (Map<String, Object>) request.session().getOrDefault("prefs", Map.of());
                ((List<Object>) prefs.get("tags")).add("b");
                return "ok";
            });
            app.post("/via-asMap", request -> {
                ((List<Object>) request.session().asMap().get("cart")).add("plum");
                return "ok";
            });
            app.post("/typed-copy", request -> {
                request.session().get("cart", List.class).add("ignored"); // a copy: changing it changes nothing
                return "ok";
            });
            app.post("/same-value", request -> {
                request.session().put("n", 1);
                request.session().put("n", 1L);
                request.session().put("cart", List.of("apple"));
                return "ok";
            });
            app.post("/remove-and-put-back", request -> {
                Object cart = request.session().remove("cart");
                request.session().put("cart", cart);
                return "ok";
            });
            app.post("/put-and-remove", request -> {
                request.session().put("tmp", "x");
                request.session().remove("tmp");
                return "ok";
            });
            app.post("/change-and-undo", request -> {
                List<Object> cart = (List<Object>) request.session().get("cart");
                cart.add("pear");
                cart.remove("pear");
                return "ok";
            });
            app.post("/read-only", request -> List.of(request.session().get("n"), request.session().asMap(),
                    request.session().getString("missing") == null, request.session().keys()));
            app.get("/view", request -> request.session().asMap());
            return app;
        }

        private Map<String, Object> seeded() {
            Map<String, Object> prefs = new LinkedHashMap<>();
            prefs.put("theme", "light");
            prefs.put("tags", List.of("a"));
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("cart", List.of("apple"));
            session.put("prefs", prefs);
            session.put("n", 1);
            return session;
        }

        @Test
        void anItemAddedToAListInTheSessionIsSaved() {
            try (var client = new TestClient(cartApp())) {
                client.post("/seed").send();

                assertThat(setCookies(client.post("/add-to-cart").send())).hasSize(1);

                assertThat(client.get("/view").json().get("cart")).isEqualTo(List.of("apple", "pear"));
            }
        }

        @Test
        void aValueChangedInAMapInTheSessionIsSaved() {
            try (var client = new TestClient(cartApp())) {
                client.post("/seed").send();

                assertThat(setCookies(client.post("/set-theme").send())).hasSize(1);

                assertThat(client.get("/view").json().get("prefs"))
                        .isEqualTo(Map.of("theme", "dark", "tags", List.of("a")));
            }
        }

        @Test
        void aChangeTwoLevelsDownIsSaved() {
            try (var client = new TestClient(cartApp())) {
                client.post("/seed").send();

                assertThat(setCookies(client.post("/deep").send())).hasSize(1);

                assertThat(client.get("/view").json().get("prefs"))
                        .isEqualTo(Map.of("theme", "light", "tags", List.of("a", "b")));
            }
        }

        @Test
        void aChangeThroughAsMapIsSaved() {
            try (var client = new TestClient(cartApp())) {
                client.post("/seed").send();

                assertThat(setCookies(client.post("/via-asMap").send())).hasSize(1);

                assertThat(client.get("/view").json().get("cart")).isEqualTo(List.of("apple", "plum"));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/typed-copy", "/same-value", "/remove-and-put-back", "/put-and-remove",
                "/change-and-undo", "/read-only"})
        void aRequestThatLeavesTheSessionAsItCameSendsNoCookie(String path) {
            try (var client = new TestClient(cartApp())) {
                client.post("/seed").send();

                TestResponse response = client.post(path).send();

                assertThat(response.status()).isEqualTo(200);
                assertThat(setCookies(response)).isEmpty();
                assertThat(response.header("vary")).isEqualTo("Cookie");
                assertThat(client.get("/view").json()).isEqualTo(seeded());
            }
        }
    }

    @Nested
    class SavedWhenTheHandlerFails {

        static class OutOfStock extends RuntimeException {
            OutOfStock() {
                super("out of stock");
            }
        }

        private IFastAPI failingApp() {
            var app = new IFastAPI();
            app.addMiddleware(defaults().build());
            app.post("/http-exception", request -> {
                request.session().put("attempts", 1);
                throw new HTTPException(403, "Not yours");
            });
            app.post("/handled", request -> {
                request.session().put("attempts", 2);
                throw new OutOfStock();
            });
            app.exceptionHandler(OutOfStock.class,
                    (request, e) -> Response.json(Map.of("detail", e.getMessage()), 409));
            app.post("/unhandled", request -> {
                request.session().put("attempts", 3);
                throw new IllegalStateException("boom in the handler");
            });
            app.post("/checked", request -> {
                request.session().put("attempts", 4);
                throw new IOException("disk full");
            });
            app.post("/error", request -> {
                request.session().put("attempts", 5);
                throw new AssertionError("an Error, not an Exception");
            });
            app.post("/clear-then-fail", request -> {
                request.session().clear();
                throw new IllegalStateException("boom after logout");
            });
            app.post("/fail-untouched", request -> {
                throw new IllegalStateException("boom without a session");
            });
            app.post("/login", request -> {
                request.session().put("user", 42);
                return "ok";
            });
            app.get("/view", request -> request.session().asMap());
            return app;
        }

        @Test
        void anHttpExceptionKeepsItsStatusAndTheSessionIsSaved() {
            try (var client = new TestClient(failingApp())) {
                TestResponse response = client.post("/http-exception").send();

                assertThat(response.status()).isEqualTo(403);
                assertThat(response.json()).isEqualTo(Map.of("detail", "Not yours"));
                assertThat(setCookies(response)).hasSize(1);
                assertThat(response.header("vary")).isEqualTo("Cookie");
                assertThat(client.get("/view").json()).isEqualTo(Map.of("attempts", 1));
            }
        }

        @Test
        void anExceptionTheAppHandlesKeepsItsResponseAndTheSessionIsSaved() {
            try (var client = new TestClient(failingApp())) {
                TestResponse response = client.post("/handled").send();

                assertThat(response.status()).isEqualTo(409);
                assertThat(response.json()).isEqualTo(Map.of("detail", "out of stock"));
                assertThat(setCookies(response)).hasSize(1);
                assertThat(client.get("/view").json()).isEqualTo(Map.of("attempts", 2));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/unhandled", "/checked", "/error"})
        void anUnhandledFailureIsA500CarryingTheSetCookie(String path) {
            TestResponse response;
            try (var log = new CapturedStderr();
                 var client = TestClient.builder(failingApp()).raiseServerExceptions(false).build()) {
                response = client.post(path).send();

                assertThat(response.status()).isEqualTo(500);
                assertThat(response.text()).isEqualTo("Internal Server Error");
                assertThat(setCookies(response)).hasSize(1);
                assertThat(response.header("vary")).isEqualTo("Cookie");
                assertThat(client.get("/view").json()).containsOnlyKeys("attempts");
                assertThat(log.count("Exception in POST " + path)).as("logged once").isEqualTo(1);
            }
        }

        @Test
        void aClientThatRaisesServerExceptionsStillStoresTheCookie() {
            try (var client = new TestClient(failingApp())) {
                assertThatThrownBy(() -> client.post("/unhandled").send())
                        .isInstanceOf(IllegalStateException.class).hasMessage("boom in the handler");

                assertThat(client.get("/view").json()).isEqualTo(Map.of("attempts", 3));
            }
        }

        @Test
        void aSessionClearedBeforeTheFailureIsClearedOnThe500() {
            try (var client = TestClient.builder(failingApp()).raiseServerExceptions(false).build()) {
                client.post("/login").send();

                TestResponse response = client.post("/clear-then-fail").send();

                assertThat(response.status()).isEqualTo(500);
                assertThat(response.header("set-cookie")).startsWith("session=null; ");
                assertThat(client.get("/view").json()).isEmpty();
            }
        }

        @Test
        void aFailureBeforeTheSessionIsTouchedIsAPlain500() {
            try (var client = TestClient.builder(failingApp()).raiseServerExceptions(false).build()) {
                client.post("/login").send();

                TestResponse response = client.post("/fail-untouched").send();

                assertThat(response.status()).isEqualTo(500);
                assertThat(setCookies(response)).isEmpty();
                assertThat(response.headers().contains("vary")).isFalse();
                assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));
            }
        }
    }

    @Nested
    class TooLargeForACookie {

        private static final String ATTRIBUTES = "; path=/; Max-Age=1209600; httponly; samesite=lax";

        private IFastAPI bigApp(SessionMiddleware middleware) {
            var app = new IFastAPI();
            app.addMiddleware(middleware);
            app.post("/fill/{n:int}", request -> {
                request.session().put("blob", "x".repeat(request.<Integer>pathParam("n")));
                return "ok";
            });
            app.post("/login", request -> {
                request.session().put("user", 42);
                return "ok";
            });
            app.get("/view", request -> request.session().asMap());
            return app;
        }

        /** The length of the Set-Cookie header for a blob of n characters: what the middleware will measure. */
        private int headerLength(int n) {
            return ("session=" + signedCookie(Map.of("blob", "x".repeat(n)), START) + ATTRIBUTES).length();
        }

        /** The smallest blob whose Set-Cookie header is over 4096 bytes. */
        private int firstTooLarge() {
            int n = 0;
            while (headerLength(n) <= SessionCookie.BROWSER_LIMIT) {
                n++;
            }
            return n;
        }

        @Test
        void theLargestSessionThatFitsIsSentAndOneByteMoreFailsLoudly() {
            int tooLarge = firstTooLarge();
            try (var client = new TestClient(bigApp(defaults().clock(FIXED).build()))) {
                TestResponse fits = client.post("/fill/" + (tooLarge - 1)).send();
                assertThat(fits.header("set-cookie").length()).isLessThanOrEqualTo(4096);

                assertThatThrownBy(() -> client.post("/fill/" + tooLarge).send())
                        .isInstanceOfSatisfying(SessionTooLargeException.class,
                                e -> assertThat(e.size()).isEqualTo(headerLength(tooLarge)).isGreaterThan(4096))
                        .hasMessageContaining("The session cookie 'session' would be " + headerLength(tooLarge)
                                + " bytes, over the 4096 bytes browsers keep")
                        .hasMessageContaining("SessionMiddleware.builder().store(new MemorySessionStore())");
            }
        }

        @Test
        void theFailureIsA500WithoutACookieAndTheUserKeepsTheOldSession() {
            try (var log = new CapturedStderr();
                 var client = TestClient.builder(bigApp(defaults().build())).raiseServerExceptions(false).build()) {
                client.post("/login").send();

                TestResponse response = client.post("/fill/5000").send();

                assertThat(response.status()).isEqualTo(500);
                assertThat(setCookies(response)).isEmpty();
                assertThat(log.text()).contains("SessionTooLargeException").contains("over the 4096 bytes");
                assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));
            }
        }

        @Test
        void anEncryptedCookieHasTheSameLimit() {
            try (var client = new TestClient(bigApp(defaults().encrypted(true).build()))) {
                assertThat(setCookies(client.post("/fill/2000").send())).hasSize(1);

                assertThatThrownBy(() -> client.post("/fill/3100").send())
                        .isInstanceOf(SessionTooLargeException.class)
                        .hasMessageContaining("over the 4096 bytes");
            }
        }

        @Test
        void theAttributesCountTowardsTheLimit() {
            int tooLargeWithDefaults = firstTooLarge();
            var longDomain = defaults().clock(FIXED).domain("sessions." + "d".repeat(40) + ".example.com");
            try (var client = new TestClient(bigApp(longDomain.build()), "http://sessions." + "d".repeat(40)
                    + ".example.com")) {
                assertThatThrownBy(() -> client.post("/fill/" + (tooLargeWithDefaults - 1)).send())
                        .isInstanceOf(SessionTooLargeException.class);
            }
        }
    }
}
