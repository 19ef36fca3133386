package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.SECRET;
import static io.ifastapi.sessions.SessionApps.START;
import static io.ifastapi.sessions.SessionApps.cookieValue;
import static io.ifastapi.sessions.SessionApps.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rolling(true)}: while the session is non-empty every response re-issues the cookie, dated now, even when the
 * handler did not touch the session, so a user who keeps coming back stays logged in. The client's cookie jar runs on
 * the same clock as the middleware, so the browser's Max-Age expiry is exercised too.
 */
class RollingSessionTest {

    private final MutableClock clock = new MutableClock(START);

    private IFastAPI app(boolean rolling, boolean encrypted) {
        var app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey(SECRET).rolling(rolling).encrypted(encrypted)
                .clock(clock).build());
        app.post("/login", request -> {
            request.session().put("user", 42);
            return "ok";
        });
        app.post("/logout", request -> {
            request.session().clear();
            return "bye";
        });
        app.get("/view", request -> request.session().asMap());
        app.get("/untouched", request -> "no session here");
        return app;
    }

    private TestClient client(IFastAPI app) {
        return TestClient.builder(app).clock(clock).build();
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aResponseThatDidNotTouchTheSessionReissuesItDatedNow(boolean encrypted) {
        try (var client = client(app(true, encrypted))) {
            String first = cookieValue(client.post("/login").send());
            clock.advance(Duration.ofDays(1));

            TestResponse untouched = client.get("/untouched");

            String reissued = cookieValue(untouched);
            assertThat(reissued).isNotEqualTo(first);
            DecodeResult decoded = SessionApps.decode(reissued, SECRET, encrypted);
            assertThat(decoded.session()).isEqualTo(Map.of("user", 42));
            assertThat(decoded.issuedAt()).isEqualTo(START.plus(Duration.ofDays(1)));
            assertThat(untouched.header("set-cookie")).contains("; Max-Age=1209600; ");
            assertThat(untouched.header("vary")).isEqualTo("Cookie");
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aReadOnlyResponseReissuesItToo(boolean encrypted) {
        try (var client = client(app(true, encrypted))) {
            client.post("/login").send();
            clock.advance(Duration.ofHours(1));

            TestResponse read = client.get("/view");

            assertThat(read.json()).isEqualTo(Map.of("user", 42));
            assertThat(SessionApps.decode(cookieValue(read), SECRET, encrypted).issuedAt())
                    .isEqualTo(START.plus(Duration.ofHours(1)));
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void expirySlidesForAUserWhoKeepsComing(boolean encrypted) {
        try (var client = client(app(true, encrypted))) {
            client.post("/login").send();

            for (int day = 10; day <= 60; day += 10) {
                clock.advance(Duration.ofDays(10));
                assertThat(client.get("/untouched").status()).isEqualTo(200);
            }

            assertThat(client.get("/view").json()).as("60 days later, visiting every 10 days")
                    .isEqualTo(Map.of("user", 42));
        }
    }

    @ParameterizedTest(name = "rolling={0}")
    @ValueSource(booleans = {false, true})
    void withoutVisitsTheSessionEndsAfterMaxAgeEitherWay(boolean rolling) {
        try (var client = client(app(rolling, false))) {
            String cookie = cookieValue(client.post("/login").send());

            clock.advance(Duration.ofDays(14).plusSeconds(1));

            assertThat(client.get("/view").json()).as("the jar dropped it").isEmpty();
            assertThat(client.request("GET", "/view").cookie("session", cookie).send().json())
                    .as("the middleware refuses it when sent anyway").isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void withoutRollingTheSameVisitsDoNotKeepTheUserLoggedIn(boolean encrypted) {
        try (var client = client(app(false, encrypted))) {
            client.post("/login").send();

            for (int day = 10; day <= 20; day += 10) {
                clock.advance(Duration.ofDays(10));
                assertThat(setCookies(client.get("/untouched"))).isEmpty();
            }

            assertThat(client.get("/view").json()).isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void noCookieIsIssuedForAnEmptySession(boolean encrypted) {
        try (var client = client(app(true, encrypted))) {
            TestResponse viewed = client.get("/view");
            assertThat(setCookies(viewed)).isEmpty();

            client.post("/login").send();
            assertThat(client.post("/logout").send().header("set-cookie")).startsWith("session=null; ");

            TestResponse afterLogout = client.get("/view");
            assertThat(setCookies(afterLogout)).isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void withoutACookieNothingIsIssuedAndNothingVaries(boolean encrypted) {
        try (var client = client(app(true, encrypted))) {
            TestResponse response = client.get("/untouched");

            assertThat(setCookies(response)).isEmpty();
            assertThat(response.headers().contains("vary")).isFalse();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void anInvalidCookieIsNeitherReissuedNorCleared(boolean encrypted) {
        try (var client = client(app(true, encrypted))) {
            TestResponse response = client.request("GET", "/untouched").cookie("session", "invalid").send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(setCookies(response)).isEmpty();
        }
    }
}
