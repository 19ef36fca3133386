package io.ifastapi.sessions.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.SessionStoreContractTest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against a real redis-server, plus what the data looks like inside Redis. */
class RedisSessionStoreTest extends SessionStoreContractTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** A separate client to look at the raw data, independent of the store's code. */
    private static RedisClient inspectorClient;
    private static StatefulRedisConnection<String, String> inspectorConnection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connectInspector() {
        inspectorClient = RedisClient.create(REDIS.server().uri());
        inspectorConnection = inspectorClient.connect();
        redis = inspectorConnection.sync();
    }

    @AfterAll
    static void closeInspector() {
        if (inspectorClient != null) {
            inspectorConnection.close();
            inspectorClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    protected SessionStore createStore() {
        return RedisSessionStore.connect(REDIS.server().uri());
    }

    @Override
    protected void elapse(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    @Test
    void aSessionIsOneHashWithAnIdleTtl() {
        String id = newId();
        store.save(id, Map.of("user", "{\"id\":7}", "cart", "[1,2]"), Set.of(), Duration.ofMinutes(30));

        String key = RedisSessionStore.DEFAULT_KEY_PREFIX + id;
        assertThat(redis.type(key)).isEqualTo("hash");
        assertThat(redis.hgetall(key)).isEqualTo(Map.of("user", "{\"id\":7}", "cart", "[1,2]"));
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
    }

    @Test
    void saveAndTouchSetTheKeysTtl() {
        String id = newId();
        String key = RedisSessionStore.DEFAULT_KEY_PREFIX + id;
        store.save(id, Map.of("a", "1"), Set.of(), Duration.ofMinutes(5));
        store.save(id, Map.of(), Set.of("never-set"), Duration.ofMinutes(20));
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(19).toMillis(), Duration.ofMinutes(20).toMillis());

        store.touch(id, Duration.ofHours(2));
        assertThat(redis.pttl(key)).isBetween(Duration.ofMinutes(119).toMillis(), Duration.ofHours(2).toMillis());
    }

    /**
     * The save script is sent once and then run by its SHA1 (EVALSHA); when Redis has lost its script cache (a
     * restart, SCRIPT FLUSH, a failover to a replica), the next save falls back to EVAL and caches it again.
     */
    @Test
    void theSaveScriptIsSentOnceThenRunByItsSha() {
        redis.scriptFlush();
        redis.configResetstat();
        String id = newId();

        for (int i = 0; i < 5; i++) {
            store.save(id, Map.of("n", Integer.toString(i)), Set.of(), TTL);
        }
        assertThat(store.load(id)).isEqualTo(Map.of("n", "4"));
        redis.scriptFlush();
        store.save(id, Map.of("n", "5"), Set.of(), TTL);

        assertThat(store.load(id)).isEqualTo(Map.of("n", "5"));
        String stats = redis.info("commandstats");
        assertThat(calls(stats, "eval")).as("EVAL only after a cache miss:\n%s", stats).isEqualTo(2);
        assertThat(calls(stats, "evalsha")).as("every save tries EVALSHA first").isEqualTo(6);
    }

    /** The calls= count of a command in INFO commandstats. */
    private static long calls(String commandStats, String command) {
        for (String line : commandStats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void removingTheLastFieldAndDeleteLeaveNoKey() {
        String emptied = newId();
        String deleted = newId();
        store.save(emptied, Map.of("a", "1"), Set.of(), TTL);
        store.save(deleted, Map.of("a", "1"), Set.of(), TTL);

        store.save(emptied, Map.of(), Set.of("a"), TTL);
        store.delete(deleted);

        assertThat(redis.exists(RedisSessionStore.DEFAULT_KEY_PREFIX + emptied,
                RedisSessionStore.DEFAULT_KEY_PREFIX + deleted)).isZero();
    }

    @Test
    void keyPrefixIsConfigurable() {
        String id = newId();
        try (SessionStore shop = RedisSessionStore.builder().uri(REDIS.server().uri()).keyPrefix("shop:s:").build()) {
            shop.save(id, Map.of("a", "1"), Set.of(), TTL);

            assertThat(redis.hgetall("shop:s:" + id)).isEqualTo(Map.of("a", "1"));
            assertThat(redis.exists(RedisSessionStore.DEFAULT_KEY_PREFIX + id)).isZero();
            assertThat(store.load(id)).as("another prefix is another namespace").isNull();
        }
    }

    @Test
    void theDatabaseComesFromTheUrl() {
        String id = newId();
        try (SessionStore db3 = RedisSessionStore.connect(REDIS.server().uri() + "/3")) {
            db3.save(id, Map.of("a", "1"), Set.of(), TTL);
        }

        assertThat(redis.exists(RedisSessionStore.DEFAULT_KEY_PREFIX + id)).isZero();
        try (StatefulRedisConnection<String, String> db3 = inspectorClient.connect(
                io.lettuce.core.RedisURI.create(REDIS.server().uri() + "/3"))) {
            assertThat(db3.sync().hgetall(RedisSessionStore.DEFAULT_KEY_PREFIX + id)).isEqualTo(Map.of("a", "1"));
        }
    }

    @Test
    void aClientGivenByTheCallerStaysOpenAfterClose() {
        RedisClient client = RedisClient.create(REDIS.server().uri());
        try {
            String id = newId();
            try (SessionStore own = RedisSessionStore.builder().client(client).build()) {
                own.save(id, Map.of("a", "1"), Set.of(), TTL);
            }
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().hgetall(RedisSessionStore.DEFAULT_KEY_PREFIX + id))
                        .isEqualTo(Map.of("a", "1"));
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void closeLeavesNoThreadsBehind() throws InterruptedException {
        Set<Thread> before = Threads.live();
        SessionStore own = RedisSessionStore.connect(REDIS.server().uri());
        own.save(newId(), Map.of("a", "1"), Set.of(), TTL);
        Set<Thread> started = Threads.startedSince(before);
        assertThat(started).as("the store's client threads").isNotEmpty();

        own.close();

        assertThat(Threads.awaitDeath(started, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void exactlyOneConnectionSourceIsRequired() {
        assertThatThrownBy(() -> RedisSessionStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
        RedisClient client = RedisClient.create(REDIS.server().uri());
        try {
            assertThatThrownBy(() -> RedisSessionStore.builder().uri(REDIS.server().uri()).client(client).build())
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
