package io.ifastapi.routing;

import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.Map;

/**
 * Another router's route as served by the router that included it: the prefixed template (compiled with the
 * included router's converters) in front of the same {@link Route}, so the route's later changes apply here too.
 */
record IncludedRoute(PathTemplate template, Route route) implements RouteEntry {

    /** The route's operation with the path as served here. */
    Operation operation() {
        return route.operation().withPath(template.template());
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
        return Route.invoke(route.operation(), request, params);
    }
}
