package io.ifastapi.routing;

import io.ifastapi.http.Handler;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.Map;

/**
 * A sub-app (or any handler) under a path prefix, Starlette's {@code Mount}: requests under the prefix are handed to
 * it with {@link Request#rootPath()} extended by the prefix, so its routes are written without it and its own
 * middleware (a SessionMiddleware with {@code path=prefix}, say) applies only there.
 */
public final class Mount implements RouteEntry {
    private final String prefix;
    private final Handler app;
    private final String name;

    Mount(String prefix, Handler app, String name) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("A mount prefix starts with '/' and does not end with one: " + prefix);
        }
        this.prefix = prefix;
        this.app = app;
        this.name = name;
    }

    /** The mounted app (or handler). */
    public Handler app() {
        return app;
    }

    /** The name that prefixes its routes' names for url building ({@code "admin:stats"}), or null. */
    public String name() {
        return name;
    }

    /**
     * The path of a route of the mounted app: {@code "name:route"} when the mount is named, the route's own name
     * when it is not (as Starlette's Mount), or null. The mount's own name with the single parameter {@code path}
     * names a path below it, as Starlette's {@code url_for("static", path="/app.css")} gives {@code /static/app.css}.
     */
    String findUrlPath(String routeName, Map<String, ?> params) {
        if (name != null && routeName.equals(name) && params.size() == 1 && params.get("path") != null) {
            String below = params.get("path").toString();
            while (below.startsWith("/")) {
                below = below.substring(1);
            }
            return prefix + "/" + PathEncoding.encode(below, true);
        }
        if (!(app instanceof UrlPaths paths)) {
            return null;
        }
        String inner;
        if (name == null) {
            inner = routeName;
        } else if (routeName.startsWith(name + ":")) {
            inner = routeName.substring(name.length() + 1);
        } else {
            return null;
        }
        String path = paths.findUrlPath(inner, params);
        return path == null ? null : prefix + path;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public Map<String, Object> matchPath(String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/") ? Map.of() : null;
    }

    @Override
    public boolean acceptsMethod(String method) {
        return true;
    }

    @Override
    public Response handle(Request request, Map<String, Object> params) throws Exception {
        ServerRequest server = ServerRequest.of(request);
        String outer = request.rootPath();
        server.rootPath(outer + prefix);
        try {
            return app.handle(request);
        } finally {
            server.rootPath(outer);
        }
    }

    @Override
    public String toString() {
        return "Mount " + prefix + " -> " + app;
    }
}
