package io.ifastapi.dependencies;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replacements of dependencies, for tests (FastAPI's {@code app.dependency_overrides}):
 * {@code app.dependencyOverrides().put(CurrentUser.class, FakeUser.class)} makes every route that depends on
 * CurrentUser get FakeUser's value instead, from the next request on; {@code clear()} restores them. Read per
 * request, so changes apply to an app that is already serving.
 */
public final class DependencyOverrides {
    @SuppressWarnings("rawtypes")
    private final Map<Class<? extends Dependency>, Object> replacements = new ConcurrentHashMap<>();

    /** Replaces {@code original} by another provider class (instantiated once, with its own declared inputs). */
    @SuppressWarnings("rawtypes")
    public DependencyOverrides put(Class<? extends Dependency> original, Class<? extends Dependency> replacement) {
        replacements.put(original, replacement);
        return this;
    }

    /** Replaces {@code original} by a provider object, e.g. a lambda: {@code (request, none) -> "alice"}. */
    @SuppressWarnings("rawtypes")
    public DependencyOverrides put(Class<? extends Dependency> original, Dependency<?, ?> replacement) {
        replacements.put(original, replacement);
        return this;
    }

    @SuppressWarnings("rawtypes")
    public DependencyOverrides remove(Class<? extends Dependency> original) {
        replacements.remove(original);
        return this;
    }

    public void clear() {
        replacements.clear();
    }

    public boolean isEmpty() {
        return replacements.isEmpty();
    }

    /** The replacement of {@code original}: a provider class, a provider object, or null. */
    @SuppressWarnings("rawtypes")
    public Object get(Class<? extends Dependency> original) {
        return replacements.get(original);
    }

    /** Implemented by apps that carry overrides; the binder finds them through {@code request.app()}. */
    public interface Holder {
        DependencyOverrides dependencyOverrides();
    }
}
