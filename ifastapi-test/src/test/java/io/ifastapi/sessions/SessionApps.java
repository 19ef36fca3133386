package io.ifastapi.sessions;

import io.ifastapi.http.Session;
import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.testclient.ResponseCookie;
import io.ifastapi.testclient.TestResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What the middleware tests share: Starlette's test app (its {@code view_session}, {@code update_session} and
 * {@code clear_session} endpoints) and small readers of responses.
 */
final class SessionApps {

    /** A strong key (64 characters); the tests that are about weak keys make their own. */
    static final String SECRET = "0123456789abcdef".repeat(4);
    static final String OTHER_SECRET = "fedcba9876543210".repeat(4);

    /** 2026-01-01T00:00:00Z, the Starlette vectors' time. */
    static final Instant START = Instant.ofEpochSecond(1_767_225_600L);

    private SessionApps() {
    }

    /** A builder with the test key and nothing else set: Starlette's defaults. */
    static SessionMiddleware.Builder defaults() {
        return SessionMiddleware.builder().secretKey(SECRET);
    }

    /**
     * Starlette's tests/middleware/test_session.py app: {@code GET /view_session} returns {@code {"session": ...}},
     * {@code POST /update_session} puts every field of its JSON body into the session, {@code POST /clear_session}
     * clears it; plus {@code GET /no_session}, which does not touch the session.
     */
    static IFastAPI starletteApp(SessionMiddleware middleware) {
        var app = new IFastAPI();
        app.addMiddleware(middleware);
        app.get("/view_session", request -> Json.object("session", request.session().asMap()));
        app.post("/update_session", request -> {
            Session session = request.session();
            request.json().forEach(session::put);
            return Json.object("session", session.asMap());
        });
        app.post("/clear_session", request -> {
            request.session().clear();
            return Json.object("session", request.session().asMap());
        });
        app.get("/no_session", request -> Map.of("status", "ok"));
        return app;
    }

    /** A signed cookie value for {@code session} under {@link #SECRET}, issued at {@code issuedAt}. */
    static String signedCookie(Map<String, ?> session, Instant issuedAt) {
        return new SignedCookieCodec(List.of(SecretKey.of(SECRET)), null, Clock.fixed(issuedAt, ZoneOffset.UTC))
                .encode(session);
    }

    /** An encrypted cookie value for {@code session} under {@link #SECRET}, issued at {@code issuedAt}. */
    static String encryptedCookie(Map<String, ?> session, Instant issuedAt) {
        return new EncryptedCookieCodec(List.of(SecretKey.of(SECRET)), null, Clock.fixed(issuedAt, ZoneOffset.UTC))
                .encode(session);
    }

    /** What a codec under {@code secret} with no max age says of a cookie value. */
    static DecodeResult decode(String cookieValue, String secret, boolean encrypted) {
        List<SecretKey> keys = List.of(SecretKey.of(secret));
        Clock far = Clock.fixed(START.plus(Duration.ofDays(3650)), ZoneOffset.UTC);
        SessionCodec codec = encrypted
                ? new EncryptedCookieCodec(keys, null, far)
                : new SignedCookieCodec(keys, null, far);
        return codec.decode(cookieValue);
    }

    /** The {@code session} object of a Starlette test app's answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sessionOf(TestResponse response) {
        return (Map<String, Object>) response.json().get("session");
    }

    /** Every Set-Cookie header of a response. */
    static List<String> setCookies(TestResponse response) {
        return response.headers().getAll("set-cookie");
    }

    /** The value of the one session cookie the response set. */
    static String cookieValue(TestResponse response) {
        return sessionCookie(response).value();
    }

    static ResponseCookie sessionCookie(TestResponse response) {
        return response.cookie("session").orElseThrow(() -> new AssertionError(
                "expected a session Set-Cookie on " + response + ", got " + response.headers()));
    }
}
