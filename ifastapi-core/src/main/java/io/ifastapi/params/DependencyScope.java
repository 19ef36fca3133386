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
 * clean-ups, run in reverse order by {@link #close()} once the response is made.
 */
public final class DependencyScope implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyScope.class);
    static final Object NULL = new Object();

    private Map<Object, Object> values;
    private List<Runnable> cleanups;

    Object cached(Object key) {
        return values == null ? null : values.get(key);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void add(Object key, Object value, Dependency provider) {
        if (values == null) {
            values = new HashMap<>(4);
            cleanups = new ArrayList<>(4);
        }
        values.put(key, value == null ? NULL : value);
        cleanups.add(() -> {
            try {
                provider.close(value);
            } catch (Exception e) {
                LOG.error("Closing the dependency {} failed", key, e);
            }
        });
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
