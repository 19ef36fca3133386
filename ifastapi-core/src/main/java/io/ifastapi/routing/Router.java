package io.ifastapi.routing;

import io.ifastapi.Endpoint;
import io.ifastapi.HTTPException;
import io.ifastapi.Handler;
import io.ifastapi.Headers;
import io.ifastapi.Request;
import io.ifastapi.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes and mounts, matched in the order they were added (the first full match wins, as in Starlette). A router
 * made with a prefix groups routes the way FastAPI's APIRouter does, and {@code app.include(router)} adds them:
 *
 * <pre>{@code
 * var users = new Router("/users");
 * users.get("/{id:int}", request -> userService.find(request.pathParam("id")));
 * app.include(users);
 * }</pre>
 *
 * No match is a 404; a path that matches with another method is a 405 with an {@code Allow} header; with
 * {@code redirectSlashes} (on by default) a path that matches only with or without a trailing slash is redirected
 * there (307).
 */
public class Router implements Handler {
    private final String prefix;
    private final List<RouteEntry> entries = new ArrayList<>();
    private final Map<String, Converter> converters = new HashMap<>();
    private boolean redirectSlashes = true;
    private volatile Index index;

    public Router() {
        this("");
    }

    /** A router whose routes all live under {@code prefix} (e.g. "/users"). */
    public Router(String prefix) {
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("A router prefix starts with '/' and does not end with one: " + prefix);
        }
        this.prefix = prefix;
    }

    public Route get(String path, Endpoint endpoint) {
        return route(path, List.of("GET"), endpoint);
    }

    public Route post(String path, Endpoint endpoint) {
        return route(path, List.of("POST"), endpoint);
    }

    public Route put(String path, Endpoint endpoint) {
        return route(path, List.of("PUT"), endpoint);
    }

    public Route patch(String path, Endpoint endpoint) {
        return route(path, List.of("PATCH"), endpoint);
    }

    public Route delete(String path, Endpoint endpoint) {
        return route(path, List.of("DELETE"), endpoint);
    }

    public Route head(String path, Endpoint endpoint) {
        return route(path, List.of("HEAD"), endpoint);
    }

    public Route options(String path, Endpoint endpoint) {
        return route(path, List.of("OPTIONS"), endpoint);
    }

    /** One route for several methods: {@code route("/items", List.of("GET", "POST"), handler)}. */
    public Route route(String path, List<String> methods, Endpoint endpoint) {
        Route route = new Route(PathTemplate.compile(prefix + path, converters), methods, endpoint);
        add(route);
        return route;
    }

    /** Adds every route of {@code router} (which carries its own prefix) to this one. */
    public Router include(Router router) {
        return include(router, "");
    }

    /** Adds every route of {@code router} under an extra {@code prefix} in front of its own. */
    public Router include(Router router, String extraPrefix) {
        for (RouteEntry entry : router.entries) {
            if (entry instanceof Route route) {
                add(route.withPrefix(prefix + extraPrefix, converters));
            } else if (entry instanceof Mount mount) {
                add(new Mount(prefix + extraPrefix + mount.prefix(), mountedApp(mount)));
            }
        }
        return this;
    }

    /** Hands every request under {@code path} to {@code app}, e.g. another IFastAPI with its own middleware. */
    public Router mount(String path, Handler app) {
        add(new Mount(prefix + path, app));
        return this;
    }

    /** A custom path parameter type for {@code {name:type}}, registered before the routes that use it. */
    public Router converter(String name, Converter converter) {
        converters.put(name, converter);
        return this;
    }

    public Router redirectSlashes(boolean redirect) {
        this.redirectSlashes = redirect;
        return this;
    }

    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RouteEntry entry : entries) {
            if (entry instanceof Route route) {
                routes.add(route);
            }
        }
        return routes;
    }

    @Override
    public Response handle(Request request) throws Exception {
        String path = request.routePath();
        String method = request.method();
        Set<String> allowed = null;
        for (Candidate candidate : index().candidates(path)) {
            RouteEntry entry = candidate.entry;
            Map<String, Object> params = candidate.params != null ? candidate.params : entry.matchPath(path);
            if (params == null) {
                continue;
            }
            if (entry.acceptsMethod(method)) {
                return entry.handle(request, params);
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.addAll(((Route) entry).methods());
        }
        if (allowed != null) {
            throw new HTTPException(405, "Method Not Allowed", Headers.of("Allow", String.join(", ", allowed)));
        }
        if (redirectSlashes && !path.equals("/") && !path.isEmpty()) {
            String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
            if (matchesAny(other)) {
                String raw = request.url().path();
                String rawOther = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw + "/";
                return Response.redirect(request.url().withPathAndQuery(rawOther, request.url().query()).toString());
            }
        }
        throw new HTTPException(404, "Not Found");
    }

    private boolean matchesAny(String path) {
        for (Candidate candidate : index().candidates(path)) {
            if (candidate.params != null || candidate.entry.matchPath(path) != null) {
                return true;
            }
        }
        return false;
    }

    private void add(RouteEntry entry) {
        entries.add(entry);
        index = null;
    }

    private static Handler mountedApp(Mount mount) {
        return request -> mount.handle(request, Map.of());
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            current = new Index(entries);
            index = current;
        }
        return current;
    }

    private record Candidate(RouteEntry entry, Map<String, Object> params) {
    }

    /**
     * Static paths are looked up in a hash map, the rest are scanned; both keep the order of addition so the first
     * match wins as if everything were scanned. With 100 routes a request costs one lookup and a few regexes.
     */
    private static final class Index {
        private final Map<String, List<Integer>> staticPaths = new HashMap<>();
        private final List<Integer> dynamic = new ArrayList<>();
        private final List<RouteEntry> entries;

        Index(List<RouteEntry> entries) {
            this.entries = List.copyOf(entries);
            for (int i = 0; i < this.entries.size(); i++) {
                if (this.entries.get(i) instanceof Route route && route.template().isStatic()) {
                    staticPaths.computeIfAbsent(route.template().template(), k -> new ArrayList<>(1)).add(i);
                } else {
                    dynamic.add(i);
                }
            }
        }

        /** Entries that may match, in order; static ones come with their (empty) params already known. */
        List<Candidate> candidates(String path) {
            List<Integer> statics = staticPaths.getOrDefault(path, List.of());
            List<Candidate> out = new ArrayList<>(statics.size() + dynamic.size());
            int s = 0;
            int d = 0;
            while (s < statics.size() || d < dynamic.size()) {
                boolean takeStatic = d >= dynamic.size() || (s < statics.size() && statics.get(s) < dynamic.get(d));
                if (takeStatic) {
                    out.add(new Candidate(entries.get(statics.get(s++)), Map.of()));
                } else {
                    out.add(new Candidate(entries.get(dynamic.get(d++)), null));
                }
            }
            return out;
        }
    }

    @Override
    public String toString() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("prefix", prefix);
        summary.put("entries", entries);
        return "Router" + summary;
    }
}
