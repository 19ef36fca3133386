package io.ifastapi.routing;

import io.ifastapi.http.Endpoint;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.params.BoundEndpoint;
import io.ifastapi.params.RouteInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Another router's route as served by the router that included it: the prefixed template (compiled with the
 * included router's converters) in front of the same {@link Route}, so the route's later changes apply here too, and
 * the dependencies the including side adds before the route's own (its router's or app's, then those given to
 * {@code include}), as FastAPI's {@code include_router} does. The served operation is compiled once per change of
 * the route, not per request.
 */
final class IncludedRoute implements RouteEntry {
    private final PathTemplate template;
    private final Route route;
    /** Dependencies run before the route's own, outermost first; empty when the including side adds none. */
    private final List<Object> dependencies;
    /** The operation served here and the route's operation it was made from, in one field so they stay paired. */
    private volatile Served served;

    private record Served(Operation source, Operation operation) {
    }

    IncludedRoute(PathTemplate template, Route route, List<Object> dependencies) {
        this.template = template;
        this.route = route;
        this.dependencies = List.copyOf(dependencies);
        operation(); // compile now, so a dependency that cannot work fails at include time
    }

    PathTemplate template() {
        return template;
    }

    Route route() {
        return route;
    }

    List<Object> dependencies() {
        return dependencies;
    }

    /** The route's operation as served here: the path with the prefixes, the including side's dependencies first. */
    Operation operation() {
        Operation current = route.operation();
        Served cached = served;
        if (cached != null && cached.source == current) {
            return cached.operation;
        }
        Operation made = current.withPath(template.template());
        if (!dependencies.isEmpty()) {
            made = withDependencies(made);
        }
        served = new Served(current, made);
        return made;
    }

    private Operation withDependencies(Operation operation) {
        Endpoint endpoint = operation.endpoint();
        BoundEndpoint<?> bound;
        if (endpoint instanceof BoundEndpoint<?> typed) {
            bound = typed.withDependenciesBefore(dependencies);
        } else {
            RouteInputs inputs = RouteInputs.compile(null, Set.copyOf(template.names()), dependencies);
            bound = new BoundEndpoint<>(inputs, (request, none) -> endpoint.handle(request));
        }
        BoundEndpoint<?> result = bound;
        return operation.with(o -> {
            o.endpoint = result;
            o.inputs = result.inputs();
        });
    }

    @Override
    public Map<String, Object> matchPath(String path) {
        return template.match(path);
    }

    @Override
    public boolean acceptsMethod(String method) {
        return route.acceptsMethod(method);
    }

    @Override
    public Response handle(Request request, Map<String, Object> params) throws Exception {
        return Route.invoke(operation(), request, params);
    }

    @Override
    public String toString() {
        return route.methods() + " " + template;
    }
}
