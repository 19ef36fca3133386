package io.ifastapi.sessions.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.sessions.SessionStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A redis-sentinel:// URL, as documented in the README, finds the master through a real sentinel. */
class RedisSentinelSessionStoreTest {

    @RegisterExtension
    static final RedisServerExtension MASTER = new RedisServerExtension();

    private static RedisServer sentinel;

    @BeforeAll
    static void startSentinel() throws IOException {
        sentinel = RedisServer.startSentinel(MASTER.server(), "mymaster");
    }

    @AfterAll
    static void stopSentinel() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    @Test
    void storesOnTheMasterTheSentinelNames() {
        String id = UUID.randomUUID().toString();
        try (SessionStore store =
                RedisSessionStore.connect("redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#mymaster")) {
            store.save(id, Map.of("a", "1"), Set.of(), Duration.ofMinutes(1));
            assertThat(store.load(id)).isEqualTo(Map.of("a", "1"));
        }

        RedisClient client = RedisClient.create(MASTER.server().uri());
        try (StatefulRedisConnection<String, String> master = client.connect()) {
            assertThat(master.sync().hgetall(RedisSessionStore.DEFAULT_KEY_PREFIX + id)).isEqualTo(Map.of("a", "1"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
