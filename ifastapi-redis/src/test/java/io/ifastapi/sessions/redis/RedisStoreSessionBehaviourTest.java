package io.ifastapi.sessions.redis;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;
import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.StoreSessionBehaviourSuite;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole session behaviour suite (core's test-jar) with the Redis store against a real redis-server: each test
 * gets a store with its own key prefix, and time passes for real (idle expiry is Redis's own).
 */
class RedisStoreSessionBehaviourTest extends StoreSessionBehaviourSuite {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private String prefix;

    @Override
    protected SessionStore newStore() {
        prefix = "behaviour:" + UUID.randomUUID() + ":";
        return RedisSessionStore.builder()
                .uri(REDIS.server().uri())
                .keyPrefix(prefix)
                .build();
    }

    /**
     * Issue 10's flood, scaled down: Redis grew by one 14-day key per anonymous request. Now each such key lives the
     * short first ttl, so the flood leaves nothing behind, while the user who came back keeps the full max age.
     */
    @Test
    void aFloodOfNewSessionsExpiresWithinTheFirstTtlAndTheUserKeepsTheirs() throws Exception {
        Duration first = Duration.ofSeconds(2);
        IFastAPI app = app(options -> options.newSessionTtl(first));
        TestClient user = client(app);
        user.get("/set?k=user&v=alice");
        user.get("/counter");
        TestClient bot = client(app);
        for (int i = 0; i < 300; i++) {
            bot.cookies().clear();
            bot.get("/set?v=flood");
        }
        RedisClient inspector = RedisClient.create(REDIS.server().uri());
        try (StatefulRedisConnection<String, String> connection = inspector.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            for (String key : redis.keys(prefix + "*")) {
                if (!key.equals(prefix + idOf(user))) {
                    assertThat(redis.pttl(key)).as("a flood key's ttl").isLessThanOrEqualTo(first.toMillis());
                }
            }
            assertThat(redis.pttl(prefix + idOf(user))).as("the user's: the full 14 days")
                    .isGreaterThan(Duration.ofDays(13).toMillis());

            Thread.sleep(first.plusMillis(500));

            assertThat(redis.keys(prefix + "*")).as("only the user's session is left")
                    .containsExactly(prefix + idOf(user));
        } finally {
            inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertThat(value(user, "user")).isEqualTo("alice");
    }

    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }

    /** Long enough that scheduling noise on a busy machine cannot expire a session the test expects alive. */
    @Override
    protected Duration idleTtl() {
        return Duration.ofSeconds(2);
    }

    @Override
    protected void elapse(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }
}
