package io.ifastapi.params;

import io.ifastapi.http.Endpoint;
import io.ifastapi.http.Request;

import java.util.List;

/**
 * The endpoint of a route with declared inputs: binds and validates the request ({@link RouteInputs}), resolves the
 * dependencies, then calls the typed handler. The router calls {@link #call} with a scope it closes after making the
 * response, so dependencies are cleaned up after the response is made.
 */
public final class BoundEndpoint<P> implements Endpoint {
    private final RouteInputs inputs;
    private final TypedEndpoint<P> handler;

    public BoundEndpoint(RouteInputs inputs, TypedEndpoint<P> handler) {
        this.inputs = inputs;
        this.handler = handler;
    }

    /** The same handler behind {@link RouteInputs#withDependenciesBefore these inputs with more dependencies}. */
    public BoundEndpoint<P> withDependenciesBefore(List<Object> dependencies) {
        return dependencies.isEmpty() ? this : new BoundEndpoint<>(inputs.withDependenciesBefore(dependencies), handler);
    }

    public RouteInputs inputs() {
        return inputs;
    }

    /** Binds the request in {@code scope} and runs the handler; the caller closes the scope. */
    @SuppressWarnings("unchecked")
    public Object call(Request request, DependencyScope scope) throws Exception {
        P params = (P) inputs.bind(request, scope);
        return handler.handle(request, params);
    }

    /** Standalone use: binds, runs, and cleans up the dependencies before returning. */
    @Override
    public Object handle(Request request) throws Exception {
        try (DependencyScope scope = new DependencyScope()) {
            return call(request, scope);
        }
    }
}
