package io.ifastapi.routing;

import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.Map;

/** What a router holds: a {@link Route}, a {@link WebSocketRoute} or a {@link Mount}. */
sealed interface RouteEntry permits Route, IncludedRoute, WebSocketRoute, Mount {
    /** The path parameters when the path matches this entry, else null. */
    Map<String, Object> matchPath(String path);

    boolean acceptsMethod(String method);

    Response handle(Request request, Map<String, Object> params) throws Exception;
}
