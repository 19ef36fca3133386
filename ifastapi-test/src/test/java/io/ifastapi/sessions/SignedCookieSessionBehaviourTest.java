package io.ifastapi.sessions;

import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SessionBehaviourSuite} with the default backend: Starlette's signed cookie. */
class SignedCookieSessionBehaviourTest extends SessionBehaviourSuite {

    /** A revocation list: what a stateless cookie needs to end a session for good. */
    @Override
    protected SessionMiddleware.Builder revocable(SessionMiddleware.Builder builder) {
        return builder.revocations(new MemorySessionStore());
    }

    @Override
    protected SessionMiddleware.Builder backend(SessionMiddleware.Builder builder) {
        return builder;
    }

    /**
     * The limit of a cookie session, for contrast with the stores: the cookie is the session, so a copy of it taken
     * before logout still works afterwards (until max_age). Stores delete the session on the server instead.
     */
    @Test
    void aCopyOfTheCookieOutlivesInvalidate() {
        TestClient client = client(app());
        client.get("/set?v=value");
        String copy = client.cookies().get(COOKIE);

        client.get("/invalidate");
        client.cookies().set(COOKIE, copy);

        assertThat(client.get("/get").json()).isEqualTo(Map.of("key", "value"));
    }

    @Test
    void theCookieIsTheDataReadableByTheUser() {
        TestClient client = client(app());

        String value = sessionCookie(client.get("/set?v=visible")).value();

        assertThat(new String(java.util.Base64.getDecoder().decode(value.substring(0, value.indexOf('.')))))
                .isEqualTo("{\"key\": \"visible\"}");
    }
}
