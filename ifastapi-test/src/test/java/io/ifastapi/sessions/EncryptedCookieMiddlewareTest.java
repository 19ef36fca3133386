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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code encrypted(true)}: AES-256-GCM cookies through the middleware. */
class EncryptedCookieMiddlewareTest {

    private static final String PLAINTEXT = "role-admin-only-the-server-sees";

    private final MutableClock clock = new MutableClock(START);

    private IFastAPI app(boolean encrypted) {
        var app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey(SECRET).encrypted(encrypted).clock(clock).build());
        app.post("/login", request -> {
            request.session().put("role", PLAINTEXT);
            request.session().put("user", 42);
            return "ok";
        });
        app.get("/view", request -> request.session().asMap());
        app.post("/logout", request -> {
            request.session().invalidate();
            return "bye";
        });
        return app;
    }

    @Test
    void theSessionRoundTripsAndClears() {
        try (var client = new TestClient(app(true))) {
            client.post("/login").send();

            assertThat(client.get("/view").json()).isEqualTo(Map.of("role", PLAINTEXT, "user", 42));

            assertThat(client.post("/logout").send().header("set-cookie")).startsWith("session=null; path=/; ");
            assertThat(client.get("/view").json()).isEmpty();
        }
    }

    @Test
    void theCookieHasTheSameAttributesAsASignedOne() {
        try (var client = new TestClient(app(true))) {
            String header = client.post("/login").send().header("set-cookie");

            assertThat(header).matches("session=[A-Za-z0-9_-]+; path=/; Max-Age=1209600; httponly; samesite=lax");
        }
    }

    @Test
    void theCookieDoesNotContainThePlaintextInAnyEncoding() {
        try (var client = new TestClient(app(true))) {
            String value = cookieValue(client.post("/login").send());

            assertThat(value).doesNotContain(PLAINTEXT).doesNotContain("role");
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.ISO_8859_1);
            assertThat(decoded).doesNotContain(PLAINTEXT).doesNotContain("role").doesNotContain("42");
        }
    }

    @Test
    void whereasTheSignedCookieIsReadableByAnyone() {
        try (var client = new TestClient(app(false))) {
            String value = cookieValue(client.post("/login").send());

            String payload = value.substring(0, value.indexOf('.'));
            assertThat(new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8)).contains(PLAINTEXT);
        }
    }

    @Test
    void theSameSessionEncryptsDifferentlyEachTimeAndBothRead() {
        try (var client = new TestClient(app(true))) {
            String first = cookieValue(client.post("/login").send());
            client.cookies().clear();
            String second = cookieValue(client.post("/login").send());

            assertThat(first).isNotEqualTo(second);
            for (String cookie : new String[] {first, second}) {
                assertThat(client.request("GET", "/view").cookie("session", cookie).send().json())
                        .containsEntry("role", PLAINTEXT);
            }
        }
    }

    @Test
    void aTamperedCookieGivesAnEmptySessionAnd200() {
        try (var client = new TestClient(app(true))) {
            String value = cookieValue(client.post("/login").send());
            int middle = value.length() / 2;
            String tampered = value.substring(0, middle) + (value.charAt(middle) == 'A' ? 'B' : 'A')
                    + value.substring(middle + 1);

            TestResponse response = client.request("GET", "/view").cookie("session", tampered).send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).isEmpty();
            assertThat(setCookies(response)).isEmpty();
        }
    }

    @Test
    void signedAndEncryptedCookiesAreNotInterchangeable() {
        try (var signed = new TestClient(app(false)); var encrypted = new TestClient(app(true))) {
            String signedCookie = cookieValue(signed.post("/login").send());
            String encryptedCookie = cookieValue(encrypted.post("/login").send());

            assertThat(encrypted.request("GET", "/view").cookie("session", signedCookie).send().json()).isEmpty();
            assertThat(signed.request("GET", "/view").cookie("session", encryptedCookie).send().json()).isEmpty();
        }
    }

    @Test
    void anEncryptedCookieExpiresAfterMaxAge() {
        // The jar keeps its own clock, so that only the middleware's age check is exercised.
        try (var client = new TestClient(app(true))) {
            String value = cookieValue(client.post("/login").send());
            assertThat(SessionApps.decode(value, SECRET, true).issuedAt()).isEqualTo(START);

            clock.advance(Duration.ofDays(14));
            assertThat(client.get("/view").json()).containsEntry("user", 42);

            clock.advance(Duration.ofSeconds(1));
            TestResponse expired = client.get("/view");
            assertThat(expired.json()).isEmpty();
            assertThat(setCookies(expired)).isEmpty();
        }
    }

    @Test
    void aReadOnlyRequestSendsNoCookie() {
        try (var client = new TestClient(app(true))) {
            client.post("/login").send();

            TestResponse response = client.get("/view");

            assertThat(setCookies(response)).isEmpty();
            assertThat(response.header("vary")).isEqualTo("Cookie");
        }
    }
}
