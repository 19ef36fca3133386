package io.ifastapi.sessions;

import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SessionBehaviourSuite} with the AES-GCM encrypted cookie. */
class EncryptedCookieSessionBehaviourTest extends SessionBehaviourSuite {

    /** A revocation list: what a stateless cookie needs to end a session for good. */
    @Override
    protected SessionMiddleware.Builder revocable(SessionMiddleware.Builder builder) {
        return builder.revocations(new MemorySessionStore());
    }

    @Override
    protected SessionMiddleware.Builder backend(SessionMiddleware.Builder builder) {
        return builder.encrypted(true);
    }

    @Test
    void theUserCannotReadTheCookie() {
        TestClient client = client(app());

        String value = sessionCookie(client.get("/set?v=hidden-value")).value();

        assertThat(value).doesNotContain("hidden");
        assertThat(value).doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("hidden-value".getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12));
    }
}
