package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.OTHER_SECRET;
import static io.ifastapi.sessions.SessionApps.START;
import static io.ifastapi.sessions.SessionApps.cookieValue;
import static io.ifastapi.sessions.SessionApps.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key rotation through the middleware, for both cookie codecs: {@code secretKeys(List.of(newKey, oldKey))}; the first
 * key signs (or encrypts), every key verifies, and a cookie made with an old key is re-issued under the new one on
 * the first request that reads the session (a request that does not touch the session does not re-issue it).
 */
class KeyRotationMiddlewareTest {

    private static final String NEW = "n".repeat(64);
    private static final String OLD = "o".repeat(64);

    private final MutableClock clock = new MutableClock(START);

    private IFastAPI app(boolean encrypted, String... secrets) {
        var app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder()
                .secretKeys(Arrays.stream(secrets).map(SecretKey::of).toList())
                .encrypted(encrypted)
                .clock(clock)
                .build());
        app.post("/login", request -> {
            request.session().put("user", 42);
            return "ok";
        });
        app.get("/view", request -> request.session().asMap());
        app.get("/untouched", request -> "no session");
        return app;
    }

    /** A cookie for {"user": 42} made by an app that knows only {@code secret}. */
    private String cookieFrom(boolean encrypted, String secret) {
        try (var client = new TestClient(app(encrypted, secret))) {
            return cookieValue(client.post("/login").send());
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void anOldKeyCookieIsReadAndReissuedUnderTheNewKey(boolean encrypted) {
        String oldCookie = cookieFrom(encrypted, OLD);
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", oldCookie);

            TestResponse response = client.get("/view");

            assertThat(response.json()).isEqualTo(Map.of("user", 42));
            String reissued = cookieValue(response);
            assertThat(reissued).isNotEqualTo(oldCookie);
            assertThat(SessionApps.decode(reissued, NEW, encrypted).session()).isEqualTo(Map.of("user", 42));
            assertThat(SessionApps.decode(reissued, OLD, encrypted).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
            assertThat(SessionApps.decode(oldCookie, NEW, encrypted).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);

            TestResponse next = client.get("/view");
            assertThat(next.json()).isEqualTo(Map.of("user", 42));
            assertThat(setCookies(next)).as("re-issued once, then an ordinary cookie").isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aRequestThatDoesNotReadTheSessionDoesNotReissue(boolean encrypted) {
        String oldCookie = cookieFrom(encrypted, OLD);
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", oldCookie);

            TestResponse untouched = client.get("/untouched");

            assertThat(setCookies(untouched)).isEmpty();
            assertThat(client.cookies().get("session")).isEqualTo(oldCookie);
            assertThat(cookieValue(client.get("/view"))).isNotEqualTo(oldCookie);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aNewKeyCookieIsNotReissued(boolean encrypted) {
        String newCookie = cookieFrom(encrypted, NEW);
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", newCookie);

            TestResponse response = client.get("/view");

            assertThat(response.json()).isEqualTo(Map.of("user", 42));
            assertThat(setCookies(response)).isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aCookieFromAKeyNotInTheListGivesAnEmptySession(boolean encrypted) {
        String foreign = cookieFrom(encrypted, OTHER_SECRET);
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", foreign);

            TestResponse response = client.get("/view");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).isEmpty();
            assertThat(setCookies(response)).isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void anExpiredOldKeyCookieIsNotReissued(boolean encrypted) {
        String oldCookie = cookieFrom(encrypted, OLD);
        clock.advance(Duration.ofDays(15));
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", oldCookie);

            TestResponse response = client.get("/view");

            assertThat(response.json()).isEmpty();
            assertThat(setCookies(response)).isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void afterRetiringTheOldKeyReissuedCookiesStillWorkAndOthersDoNot(boolean encrypted) {
        String visitor = cookieFrom(encrypted, OLD);
        String absentee = cookieFrom(encrypted, OLD);
        String reissued;
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", visitor);
            reissued = cookieValue(client.get("/view"));
        }

        try (var client = new TestClient(app(encrypted, NEW))) {
            client.cookies().set("session", reissued);
            assertThat(client.get("/view").json()).isEqualTo(Map.of("user", 42));

            client.cookies().set("session", absentee);
            assertThat(client.get("/view").json()).isEmpty();
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void theReissuedCookieIsDatedNowSoMaxAgeCountsFromTheReissue(boolean encrypted) {
        String oldCookie = cookieFrom(encrypted, OLD);
        clock.advance(Duration.ofDays(10));
        String reissued;
        try (var client = new TestClient(app(encrypted, NEW, OLD))) {
            client.cookies().set("session", oldCookie);
            reissued = cookieValue(client.get("/view"));
        }

        assertThat(SessionApps.decode(reissued, NEW, encrypted).issuedAt()).isEqualTo(START.plus(Duration.ofDays(10)));
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aWriteDuringTheReissueIsKept(boolean encrypted) {
        String oldCookie = cookieFrom(encrypted, OLD);
        var app = app(encrypted, NEW, OLD);
        app.post("/visit", request -> {
            request.session().put("visits", 1);
            return "ok";
        });
        try (var client = new TestClient(app)) {
            client.cookies().set("session", oldCookie);

            String reissued = cookieValue(client.post("/visit").send());

            assertThat(SessionApps.decode(reissued, NEW, encrypted).session())
                    .isEqualTo(Map.of("user", 42, "visits", 1));
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void theOrderOfTheListDecidesWhichKeySigns(boolean encrypted) {
        try (var client = new TestClient(app(encrypted, OLD, NEW))) {
            String cookie = cookieValue(client.post("/login").send());

            assertThat(SessionApps.decode(cookie, OLD, encrypted).isValid()).isTrue();
            assertThat(SessionApps.decode(cookie, NEW, encrypted).isValid()).isFalse();
        }
    }
}
