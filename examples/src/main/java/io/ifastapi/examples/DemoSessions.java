package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.sessions.redis.RedisSessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/** The demo's SessionMiddleware, as SECRET_KEY, SESSION_BACKEND and REDIS_URL say. */
final class DemoSessions {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSessions.class);

    private DemoSessions() {
    }

    static SessionMiddleware middleware(Map<String, String> env, IFastAPI app) {
        return middleware(env, app, false);
    }

    /** @param httpsOnly whether the cookie is Secure (Starlette's https_only): the login app served over HTTPS */
    static SessionMiddleware middleware(Map<String, String> env, IFastAPI app, boolean httpsOnly) {
        SessionMiddleware.Builder sessions = SessionMiddleware.builder().secretKey(secretKey(env)).httpsOnly(httpsOnly);
        String backend = env.getOrDefault("SESSION_BACKEND", "cookie").trim().toLowerCase(Locale.ROOT);
        switch (backend) {
            case "cookie", "" -> { }
            case "encrypted" -> sessions.encrypted(true);
            case "memory" -> sessions.store(new MemorySessionStore(maxSessions(env)));
            case "redis" -> {
                RedisSessionStore store = redis(env);
                app.onShutdown(store::close);
                sessions.store(store);
            }
            default -> throw new IllegalArgumentException("SESSION_BACKEND must be cookie, encrypted, memory or "
                    + "redis; got '" + backend + "'");
        }
        LOG.info("Sessions: {} backend{}", backend.isEmpty() ? "cookie" : backend,
                httpsOnly ? ", Secure cookie (https only)" : "");
        return sessions.build();
    }

    /** SESSION_MAX_SESSIONS: the memory store's bound (bench/attack floods a small one); default 100,000. */
    private static int maxSessions(Map<String, String> env) {
        String value = env.get("SESSION_MAX_SESSIONS");
        if (value == null || value.isBlank()) {
            return MemorySessionStore.DEFAULT_MAX_SESSIONS;
        }
        try {
            int max = Integer.parseInt(value.trim());
            if (max >= 1) {
                return max;
            }
        } catch (NumberFormatException notANumber) {
            // the message below
        }
        throw new IllegalArgumentException("SESSION_MAX_SESSIONS must be a whole number of sessions, at least 1; got '"
                + value + "'. Unset it for the default, " + MemorySessionStore.DEFAULT_MAX_SESSIONS + ".");
    }

    private static RedisSessionStore redis(Map<String, String> env) {
        String url = env.get("REDIS_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("SESSION_BACKEND=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379");
        }
        return RedisSessionStore.connect(url.trim());
    }

    /** In the demo only, a missing key is replaced by a random one, so that the demo runs with no setup. */
    private static SecretKey secretKey(Map<String, String> env) {
        String key = env.get("SECRET_KEY");
        if (key == null || key.isBlank()) {
            LOG.warn("SECRET_KEY is not set: using a random key for this run, so sessions end when the demo stops "
                    + "and are not shared between instances. Set SECRET_KEY (java -jar ifastapi-cli.jar secret "
                    + "prints one) for anything else.");
            return SecretKey.generate();
        }
        return SecretKey.fromEnv("SECRET_KEY", env::get);
    }
}
