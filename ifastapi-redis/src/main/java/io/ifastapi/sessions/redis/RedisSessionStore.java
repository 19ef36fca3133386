package io.ifastapi.sessions.redis;

import io.ifastapi.sessions.SessionStore;
import io.ifastapi.sessions.SessionStoreException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link SessionStore} in Redis, so that several nodes share sessions.
 *
 * <p>Each session is one Redis hash, key {@code keyPrefix + id}, one hash field per session field, with the
 * idle time to live as the key's expiry. {@code load} is HGETALL, {@code touch} is PEXPIRE, {@code delete} is
 * DEL, and {@code save} runs HSET, HDEL and PEXPIRE in one Lua script, hence atomically; {@code update} runs the same
 * script behind an EXISTS check, so that it never recreates a deleted session. Scripts are sent by their SHA1
 * ({@code EVALSHA}), falling back to {@code EVAL} when Redis does not have it cached yet (a new or restarted server).
 *
 * <p>All threads share one thread-safe Lettuce connection, which pipelines their commands. Each method sends its
 * command through Lettuce's asynchronous API and waits for the reply on the calling (virtual) thread, at most
 * {@code commandTimeout}, after which the command is cancelled and {@link SessionStoreException} thrown; when Redis
 * is down, commands fail at once. (Lettuce's synchronous API would do the same wait, but through a reflective proxy on
 * every call; a per-command timer is not needed either, as every wait is bounded here.) The client reconnects by
 * itself in the background, so the same store works again when Redis is back.
 *
 * <p><b>A 503 does not say whether a write happened.</b> A command that timed out may already be on its way, and
 * Redis applies it when it can (after a pause, say). Every write here is idempotent (fields set to values, fields
 * removed, an expiry set, an update that refuses a missing session), so the same write sent again leaves the session
 * as one write would, and a late write of an ended session writes nothing. A whole request replayed by the client
 * after a 503 runs its handler again on the session as it then is: a change that is not idempotent (a counter) may
 * then count twice, so key such changes by a request id (docs/sessions.md).
 *
 * <pre>{@code
 * SessionStore store = RedisSessionStore.connect("redis://:password@redis.internal:6379/0");
 * SessionStore store = RedisSessionStore.builder()
 *         .uri("rediss://redis.internal:6380")
 *         .keyPrefix("shop:session:")
 *         .commandTimeout(Duration.ofMillis(500))
 *         .build();
 * }</pre>
 */
public final class RedisSessionStore implements SessionStore {

    public static final String DEFAULT_KEY_PREFIX = "ifastapi:session:";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Reconnect attempts of a client the store creates back off exponentially up to this delay. */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** Longer ttls are cut to this, so that Redis's "now + ttl" cannot overflow. */
    private static final Duration MAX_TTL = Duration.ofDays(365L * 10_000);

    /*
     * A script rather than MULTI/EXEC: transaction state belongs to a connection, and this connection is
     * shared by all threads, so their MULTIs would interleave. A script is atomic by itself, and it touches a
     * single key, so it also runs on Redis Cluster.
     */
    private static final String SAVE_SCRIPT = """
            -- KEYS[1]: the session hash. ARGV[1]: ttl in ms. ARGV[2]: n, the number of fields to set.
            -- ARGV[3 .. 2+2n]: field, value pairs to set. The remaining ARGV: fields to remove.
            local n = tonumber(ARGV[2])
            for i = 3, 2 + 2 * n, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            for i = 3 + 2 * n, #ARGV do
              redis.call('HDEL', KEYS[1], ARGV[i])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """;
    /**
     * update: the same writes, but only when the session still exists. The check and the writes are one script, so
     * a DEL at logout cannot slip in between: a slow request's late update of a deleted session writes nothing
     * (HSET on a missing key would create it, with no creation time and a full ttl).
     */
    private static final String UPDATE_SCRIPT = "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end\n"
            + SAVE_SCRIPT;
    private static final String UPDATE_SCRIPT_SHA = sha1Hex(UPDATE_SCRIPT);
    /** The script's SHA1, for EVALSHA: Redis caches scripts by it, so the script text is sent only once. */
    private static final String SAVE_SCRIPT_SHA = sha1Hex(SAVE_SCRIPT);

    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final String keyPrefix;
    private final Duration commandTimeout;
    private final String endpoint;
    private final Runnable releaseClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisSessionStore(Connected connected, Builder builder, String endpoint, Runnable releaseClient) {
        this.connection = connected.connection();
        this.redis = connected.commands();
        this.keyPrefix = builder.keyPrefix;
        this.commandTimeout = builder.commandTimeout;
        this.endpoint = endpoint;
        this.releaseClient = releaseClient;
        // Our own waits are bounded by commandTimeout; this bounds anyone else's synchronous use of the connection.
        connection.setTimeout(commandTimeout);
    }

    /**
     * Connects to Redis with the default options.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/db]}, {@code rediss://...} for TLS, or
     *     {@code redis-sentinel://[password@]host[:port][,host2[:port2]][/db]#masterName}
     * @throws SessionStoreException when Redis cannot be reached within the command timeout
     */
    public static RedisSessionStore connect(String redisUri) {
        return builder().uri(redisUri).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> load(String id) {
        String key = key(id);
        Map<String, String> fields = call("load", () -> await(redis.hgetall(key)));
        return fields.isEmpty() ? null : Collections.unmodifiableMap(fields);
    }

    @Override
    public void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        run("save", SAVE_SCRIPT, SAVE_SCRIPT_SHA, id, upserts, removals, ttl);
    }

    @Override
    public boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
        return run("update", UPDATE_SCRIPT, UPDATE_SCRIPT_SHA, id, upserts, removals, ttl) == 1L;
    }

    private long run(String operation, String script, String sha, String id, Map<String, String> upserts,
                     Set<String> removals, Duration ttl) {
        String key = key(id);
        Map<String, String> changes = Map.copyOf(upserts);
        Set<String> removed = Set.copyOf(removals);
        String[] args = new String[2 + 2 * changes.size() + removed.size()];
        int i = 0;
        args[i++] = Long.toString(ttlMillis(ttl));
        args[i++] = Integer.toString(changes.size());
        for (Map.Entry<String, String> field : changes.entrySet()) {
            args[i++] = field.getKey();
            args[i++] = field.getValue();
        }
        for (String field : removed) {
            args[i++] = field;
        }
        String[] keys = {key};
        Long result = call(operation, () -> {
            try {
                return await(redis.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args));
            } catch (RedisNoScriptException notCachedYet) {
                // A new or restarted Redis: EVAL runs the script and caches it for the next EVALSHA.
                return await(redis.<Long>eval(script, ScriptOutputType.INTEGER, keys, args));
            }
        });
        return result == null ? 0 : result;
    }

    @Override
    public boolean touch(String id, Duration ttl) {
        String key = key(id);
        long millis = ttlMillis(ttl);
        return Boolean.TRUE.equals(call("touch", () -> await(redis.pexpire(key, millis)))); // PEXPIRE never creates
    }

    @Override
    public void delete(String id) {
        String key = key(id);
        call("delete", () -> await(redis.del(key)));
    }

    /** Closes the connection, and the client with its threads if this store created it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                connection.close();
            } finally {
                releaseClient.run();
            }
        }
    }

    private String key(String id) {
        return keyPrefix + Objects.requireNonNull(id, "id");
    }

    /** Waits for a reply, at most the command timeout; a command that times out is cancelled. */
    private <T> T await(RedisFuture<T> reply) {
        return LettuceFutures.awaitOrCancel(reply, commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private <T> T call(String operation, Supplier<T> command) {
        if (closed.get()) {
            throw closedException(operation, null);
        }
        try {
            return command.get();
        } catch (RedisCommandTimeoutException e) {
            throw new SessionStoreException("Redis session store: " + operation + " got no answer from " + endpoint
                    + " within " + commandTimeout.toMillis() + " ms. Check that Redis is up and not overloaded,"
                    + " and that commandTimeout suits its latency.", e);
        } catch (RedisException e) {
            throw new SessionStoreException("Redis session store: " + operation + " failed on " + endpoint + ": "
                    + rootMessage(e) + ". Check that Redis is running and reachable from this host.", e);
        } catch (RuntimeException e) {
            // Closing races with commands in flight and the client then fails in its own ways.
            if (closed.get()) {
                throw closedException(operation, e);
            }
            throw e;
        }
    }

    /** A SessionStoreException, so that requests still in flight while the app shuts down get a 503. */
    private SessionStoreException closedException(String operation, Throwable cause) {
        return new SessionStoreException("Redis session store: " + operation + " after close(); the store for "
                + endpoint + " is closed, e.g. because the app is shutting down.", cause);
    }

    private static long ttlMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        // Rounded up: a ttl under a millisecond must not become PEXPIRE 0, which deletes the session.
        return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL.toMillis() : ttl.plusNanos(999_999).toMillis();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e || root.getMessage() == null
                ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + root.getMessage() + ")";
        // Callers append ". Check ..."; Lettuce's messages often end with a period already.
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** Where a Redis URI points, for error messages: never the password. */
    private static String describe(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            return "redis-sentinel://" + uri.getSentinels().stream()
                    .map(sentinel -> sentinel.getHost() + ":" + sentinel.getPort())
                    .collect(Collectors.joining(",")) + "/" + uri.getDatabase() + "#" + uri.getSentinelMasterId();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    private static String sha1Hex(String script) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** A connection and its asynchronous commands, which plain and cluster connections type differently. */
    private record Connected(
            StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {

        static Connected of(StatefulRedisConnection<String, String> connection) {
            return new Connected(connection, connection.async());
        }

        static Connected of(StatefulRedisClusterConnection<String, String> connection) {
            return new Connected(connection, connection.async());
        }
    }

    /** Options for a {@link RedisSessionStore}; set exactly one of {@code uri}, {@code client}, {@code clusterClient}. */
    public static final class Builder {

        private String uri;
        private RedisClient client;
        private RedisClusterClient clusterClient;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private Builder() {}

        /**
         * Where Redis is; the store creates and owns its client. See {@link RedisSessionStore#connect(String)}
         * for the URL forms, including Sentinel.
         */
        public Builder uri(String redisUri) {
            this.uri = Objects.requireNonNull(redisUri, "redisUri");
            return this;
        }

        /**
         * A client you built yourself (custom TLS, credentials provider, Sentinel options), created with a
         * default {@link RedisURI}. The store opens one connection on it and closes only that connection: the
         * client, its options (reconnect, disconnected behaviour) and its threads stay yours.
         */
        public Builder client(RedisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** A Redis Cluster client you built yourself; as for {@link #client(RedisClient)}, it stays yours. */
        public Builder clusterClient(RedisClusterClient clusterClient) {
            this.clusterClient = Objects.requireNonNull(clusterClient, "clusterClient");
            return this;
        }

        /** Prepended to each session id to form its Redis key; default {@value RedisSessionStore#DEFAULT_KEY_PREFIX}. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * The longest any store method waits for Redis before throwing {@link SessionStoreException}; also the
         * connect timeout of a client the store creates. Default 2 seconds.
         */
        public Builder commandTimeout(Duration commandTimeout) {
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (commandTimeout.isNegative() || commandTimeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, got " + commandTimeout);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * Connects. Fails fast so that a wrong URL or a missing Redis shows at startup, not at the first request.
         *
         * @throws SessionStoreException when Redis cannot be reached or refuses the connection
         * @throws IllegalStateException when not exactly one of uri, client and clusterClient is set
         */
        public RedisSessionStore build() {
            long sources = Stream.of(uri, client, clusterClient).filter(Objects::nonNull).count();
            if (sources != 1) {
                throw new IllegalStateException("Set exactly one of uri(...), client(...) and clusterClient(...)");
            }
            if (client != null) {
                return open(() -> Connected.of(client.connect()), "the RedisClient given to the builder", () -> {});
            }
            if (clusterClient != null) {
                return open(() -> Connected.of(clusterClient.connect()),
                        "the RedisClusterClient given to the builder", () -> {});
            }
            return openOwnClient();
        }

        private RedisSessionStore openOwnClient() {
            RedisURI redisUri = RedisURI.create(uri);
            redisUri.setTimeout(commandTimeout);
            // A short reconnect back-off: the store answers 503 until the client is back, so retry often.
            ClientResources resources = ClientResources.builder()
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                    .build();
            RedisClient owned = RedisClient.create(resources, redisUri);
            owned.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    // While disconnected, fail at once instead of queueing until the timeout.
                    .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                    .build());
            long shutdownMillis = Math.max(commandTimeout.toMillis(), 1_000);
            Runnable release = () -> {
                try {
                    owned.shutdown(0, shutdownMillis, TimeUnit.MILLISECONDS);
                } finally {
                    resources.shutdown(0, shutdownMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly(shutdownMillis);
                }
            };
            return open(() -> Connected.of(owned.connect()), describe(redisUri), release);
        }

        private RedisSessionStore open(Supplier<Connected> connect, String endpoint, Runnable releaseClient) {
            Connected connected;
            try {
                connected = connect.get();
            } catch (RedisException e) {
                releaseClient.run();
                throw new SessionStoreException("Redis session store: cannot connect to " + endpoint + ": "
                        + rootMessage(e) + ". Check that Redis is running, the URL (host, port, password, database,"
                        + " rediss:// for TLS) and that no firewall blocks the port.", e);
            }
            return new RedisSessionStore(connected, this, endpoint, releaseClient);
        }
    }
}
