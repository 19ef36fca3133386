package io.ifastapi.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-request attributes for middleware to hand data to handlers (Starlette's {@code request.state}): a user id
 * found by an auth middleware, a request id, a database connection.
 */
public final class State {
    private final Map<String, Object> values = new HashMap<>();

    public State set(String name, Object value) {
        values.put(name, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return (T) values.get(name);
    }

    public <T> Optional<T> find(String name, Class<T> type) {
        Object value = values.get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object remove(String name) {
        return values.remove(name);
    }

    @Override
    public String toString() {
        return "State" + values;
    }
}
