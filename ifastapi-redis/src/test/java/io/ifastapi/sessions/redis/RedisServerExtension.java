package io.ifastapi.sessions.redis;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link RedisServer} for a test class and stops it after. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();}</pre>
 *
 * <p>Without redis-server the class is skipped, with a message saying how to run it; but when the environment
 * variable {@code CI} is {@code true}, a missing redis-server fails the run, so CI cannot go green by skipping.
 */
public final class RedisServerExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private final String[] extraArgs;
    private RedisServer server;

    /** @param extraArgs more redis-server options, e.g. {@code "--requirepass", "secret"} */
    public RedisServerExtension(String... extraArgs) {
        this.extraArgs = extraArgs.clone();
    }

    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("redis-server is not running: register the extension on a static field");
        }
        return server;
    }

    /** Skips the class when redis-server is missing, unless on CI, where {@link #beforeAll} fails it. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (RedisServer.locate() instanceof RedisServer.Location.Missing missing && !onCi()) {
            return ConditionEvaluationResult.disabled(missingMessage(missing) + " Skipping.");
        }
        return ConditionEvaluationResult.enabled("redis-server found");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        switch (RedisServer.locate()) {
            case RedisServer.Location.Found found -> server = RedisServer.start(found.executable(), extraArgs);
            case RedisServer.Location.Missing missing ->
                    fail(missingMessage(missing) + " CI=true: a missing redis-server fails the build instead of skipping.");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static String missingMessage(RedisServer.Location.Missing missing) {
        return "redis-server not found (" + missing.reason() + "), so the Redis tests cannot run."
                + " Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)"
                + " or set " + RedisServer.LOCATION_ENV + "=/path/to/redis-server.";
    }
}
