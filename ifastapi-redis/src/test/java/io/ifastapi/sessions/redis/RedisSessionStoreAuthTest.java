package io.ifastapi.sessions.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.SessionStoreException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Passwords in the URL: accepted when right, a clear error when wrong, and never echoed in messages. */
class RedisSessionStoreAuthTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", "s3cret");

    private String uri(String userInfo, int db) {
        return "redis://" + userInfo + "@127.0.0.1:" + REDIS.server().port() + "/" + db;
    }

    @Test
    void connectsWithThePasswordFromTheUrl() {
        String id = UUID.randomUUID().toString();
        try (SessionStore store = RedisSessionStore.connect(uri(":s3cret", 2))) {
            store.save(id, Map.of("a", "1"), Set.of(), Duration.ofMinutes(1));
            assertThat(store.load(id)).isEqualTo(Map.of("a", "1"));
        }
        try (SessionStore store = RedisSessionStore.connect(uri("default:s3cret", 2))) {
            assertThat(store.load(id)).as("user 'default' and database 2").isEqualTo(Map.of("a", "1"));
        }
    }

    @Test
    void aWrongPasswordFailsAtConnectWithoutShowingIt() {
        assertThatThrownBy(() -> RedisSessionStore.connect(uri(":not-the-password", 0)))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("cannot connect to redis://127.0.0.1:" + REDIS.server().port() + "/0")
                .hasMessageContaining("password")
                .message().doesNotContain("not-the-password");
    }

    @Test
    void aMissingPasswordFailsAtConnect() {
        assertThatThrownBy(() -> RedisSessionStore.connect(REDIS.server().uri()))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("NOAUTH");
    }
}
