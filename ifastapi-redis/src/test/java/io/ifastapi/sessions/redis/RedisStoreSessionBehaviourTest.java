package io.ifastapi.sessions.redis;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;
import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.StoreSessionBehaviourSuite;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole session behaviour suite (core's test-jar) with the Redis store against a real redis-server: each test
 * gets a store with its own key prefix, and time passes for real (idle expiry is Redis's own).
 */
class RedisStoreSessionBehaviourTest extends StoreSessionBehaviourSuite {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected SessionStore newStore() {
        return RedisSessionStore.builder()
                .uri(REDIS.server().uri())
                .keyPrefix("behaviour:" + UUID.randomUUID() + ":")
                .build();
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
