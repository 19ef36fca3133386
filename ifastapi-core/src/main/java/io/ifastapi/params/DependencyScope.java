package io.ifastapi.params;

import io.ifastapi.dependencies.Dependency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependencies resolved for one request: their values, cached by provider so each is computed once, and their
 * clean-ups, run in reverse order by {@link #close()} once the response has been sent (the router hands the scope
 * to the request's after-response tasks), also when the handler failed.
 */
public final class DependencyScope implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyScope.class);
    static final Object NULL = new Object();

    private Map<Object, Object> values;
    private List<Runnable> cleanups;

    Object cached(Object key) {
        return values == null ? null : values.get(key);
    }

    /**
     * Keeps a resolved value for the rest of the request and, when it needs one, its clean-up: an AutoCloseable
     * value, or a provider that overrides {@link Dependency#close}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void add(Object key, Object value, Dependency provider, boolean providerCloses) {
        if (values == null) {
            values = new HashMap<>(4);
        }
        values.put(key, value == null ? NULL : value);
        if (!providerCloses && !(value instanceof AutoCloseable)) {
            return;
        }
        if (cleanups == null) {
            cleanups = new ArrayList<>(4);
        }
        cleanups.add(() -> {
            try {
                provider.close(value);
            } catch (Exception e) {
                LOG.error("Closing the dependency {} failed", key, e);
            }
        });
    }

    /** True when some resolved dependency has a clean-up to run after the response. */
    public boolean hasCleanups() {
        return cleanups != null;
    }

    /** Runs every clean-up, last resolved first; a failing one is logged and the others still run. */
    @Override
    public void close() {
        if (cleanups != null) {
            for (Runnable cleanup : cleanups.reversed()) {
                cleanup.run();
            }
            cleanups = null;
        }
    }
}
