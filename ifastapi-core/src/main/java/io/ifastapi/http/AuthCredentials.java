package io.ifastapi.http;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What an authenticated request may do ({@link Request#auth()}), Starlette's {@code AuthCredentials}: a set of scope
 * names such as {@code authenticated} and {@code admin}, which {@code Requires} checks per route.
 */
public record AuthCredentials(Set<String> scopes) {
    /** No scopes: an unauthenticated request. */
    public static final AuthCredentials NONE = new AuthCredentials(Set.of());

    public AuthCredentials {
        scopes = Set.copyOf(scopes);
    }

    public static AuthCredentials of(String... scopes) {
        return new AuthCredentials(Set.copyOf(Arrays.asList(scopes)));
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** True when every one of {@code required} is held. */
    public boolean hasAll(List<String> required) {
        return scopes.containsAll(required);
    }
}
