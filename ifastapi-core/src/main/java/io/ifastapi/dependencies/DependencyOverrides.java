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
    /** Keyed by the provider as declared: its class ({@code @Depends}), or the object given to dependencies(...). */
    private final Map<Object, Object> replacements = new ConcurrentHashMap<>();

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

    /**
     * Replaces a provider object given to {@code app.dependencies(...)}, {@code router.dependencies(...)} or
     * {@code include(...)} (the same object) by a provider class.
     */
    @SuppressWarnings("rawtypes")
    public DependencyOverrides put(Dependency<?, ?> original, Class<? extends Dependency> replacement) {
        replacements.put(original, replacement);
        return this;
    }

    /** Replaces a provider object given to {@code dependencies(...)} or {@code include(...)} by another object. */
    public DependencyOverrides put(Dependency<?, ?> original, Dependency<?, ?> replacement) {
        replacements.put(original, replacement);
        return this;
    }

    public DependencyOverrides remove(Dependency<?, ?> original) {
        replacements.remove(original);
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

    /** The replacement of {@code original} (a provider class or object): a provider class, a provider object, or null. */
    public Object get(Object original) {
        return replacements.get(original);
    }

    /** Implemented by apps that carry overrides; the binder finds them through {@code request.app()}. */
    public interface Holder {
        DependencyOverrides dependencyOverrides();
    }
}
