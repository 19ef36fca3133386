package io.ifastapi.dependencies;

import io.ifastapi.http.Request;

/**
 * A dependency (FastAPI's {@code Depends(callable)}): a provider class whose result is injected where a record
 * component says {@code @Depends(CurrentUser.class) User user}. Its own inputs are a record {@code P}, declared like a
 * route's (path, query, header, cookie parameters, a body, other dependencies), so dependencies nest; use
 * {@code Void} for none. The provider is instantiated once per route (a no-argument constructor), its result is
 * computed at most once per request (cached for every component that asks for it), and closed after the response:
 * {@link #close} closes an {@code AutoCloseable} result by default.
 *
 * <pre>{@code
 * class CurrentUser implements Dependency<Void, String> {
 *     public String provide(Request request, Void none) {
 *         Object user = request.session().get("user");
 *         if (user == null) throw new HTTPException(401, "Not logged in");
 *         return (String) user;
 *     }
 * }
 * }</pre>
 *
 * @param <P> the record of its inputs, or {@code Void}
 * @param <T> what it provides
 */
@FunctionalInterface
public interface Dependency<P, T> {

    /** Computes the value; throw {@code HTTPException} to answer instead of the route. */
    T provide(Request request, P params) throws Exception;

    /**
     * Cleans up after the response was made, in the reverse order of resolution (FastAPI's code after
     * {@code yield}); also when the route failed. Closes an {@code AutoCloseable} value by default.
     */
    default void close(T value) throws Exception {
        if (value instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
