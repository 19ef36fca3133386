package io.ifastapi.sessions.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.SessionStoreContractTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on Redis Cluster, through a RedisClusterClient: a one-node cluster that owns all 16384
 * slots, which is enough to exercise the cluster client's routing of the save script by its key.
 */
class RedisClusterSessionStoreTest extends SessionStoreContractTest {

    @RegisterExtension
    static final RedisServerExtension REDIS =
            new RedisServerExtension("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf");

    private static RedisClusterClient clusterClient;

    @BeforeAll
    static void formCluster() throws InterruptedException {
        RedisClient client = RedisClient.create(REDIS.server().uri());
        try (StatefulRedisConnection<String, String> node = client.connect()) {
            node.sync().clusterAddSlots(IntStream.range(0, 16384).toArray());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!node.sync().clusterInfo().contains("cluster_state:ok")) {
                assertThat(System.nanoTime()).as("cluster_state:ok within 10 s").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        clusterClient = RedisClusterClient.create(REDIS.server().uri());
    }

    @AfterAll
    static void closeClusterClient() {
        if (clusterClient != null) {
            clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    protected SessionStore createStore() {
        return RedisSessionStore.builder().clusterClient(clusterClient).build();
    }

    @Override
    protected void elapse(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }
}
