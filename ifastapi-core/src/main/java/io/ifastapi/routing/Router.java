package io.ifastapi.routing;

import io.ifastapi.http.Endpoint;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.NonBlockingRoutes;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.params.BoundEndpoint;
import io.ifastapi.params.RouteInputs;
import io.ifastapi.params.TypedEndpoint;
import io.ifastapi.websockets.WebSocketEndpoint;

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
public class Router implements Handler, UrlPaths, NonBlockingRoutes {
    private final String prefix;
    private final List<RouteEntry> entries = new ArrayList<>();
    private final Map<String, Converter> converters = new HashMap<>();
    private final List<Object> dependencies = new ArrayList<>();
    private boolean redirectSlashes = true;
    private volatile Index index;
    /** Set once this router was included elsewhere or started serving: later changes would be lost, so they fail. */
    private volatile String sealedBecause;

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
        checkOpen("add the route " + methods + " " + path);
        PathTemplate template = PathTemplate.compile(prefix + path, converters);
        Route route;
        if (dependencies.isEmpty()) {
            route = new Route(template, methods, endpoint, RouteInputs.NONE);
        } else {
            RouteInputs inputs = RouteInputs.compile(null, Set.copyOf(template.names()), dependencies);
            route = new Route(template, methods, new BoundEndpoint<>(inputs, (request, none) -> endpoint.handle(request)),
                    inputs);
        }
        add(route);
        return route;
    }

    /**
     * A WebSocket route (Starlette's {@code WebSocketRoute}): {@code websocket("/ws/{room}", ws -> ...)}. It serves
     * only WebSocket handshakes; see docs/websockets.md.
     */
    public WebSocketRoute websocket(String path, WebSocketEndpoint endpoint) {
        checkOpen("add the WebSocket route " + path);
        if (!dependencies.isEmpty()) {
            throw new IllegalStateException("WebSocket route " + prefix + path + ": this router has dependencies, "
                    + "which WebSocket routes do not run; add the WebSocket route to a router without dependencies "
                    + "and check the handshake in its handler (ws.headers(), ws.session()) or in a middleware");
        }
        WebSocketRoute route = new WebSocketRoute(PathTemplate.compile(prefix + path, converters), endpoint);
        add(route);
        return route;
    }

    // ----- routes with declared inputs (io.ifastapi.params) -----

    /**
     * A GET route whose inputs are declared by a record, bound and validated before the handler runs:
     * {@code get("/items", ListItems.class, (request, p) -> store.find(p.q(), p.limit()))}. Invalid input is a 422
     * with pydantic's errors.
     */
    public <P> Route get(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return route(path, List.of("GET"), inputs, endpoint);
    }

    /** A POST route with declared inputs; a record without parameter annotations is the JSON body. */
    public <P> Route post(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return route(path, List.of("POST"), inputs, endpoint);
    }

    public <P> Route put(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return route(path, List.of("PUT"), inputs, endpoint);
    }

    public <P> Route patch(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return route(path, List.of("PATCH"), inputs, endpoint);
    }

    public <P> Route delete(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return route(path, List.of("DELETE"), inputs, endpoint);
    }

    /**
     * A route with declared inputs for several methods. The record is compiled now (types, constraints, defaults,
     * dependencies): a declaration that cannot work fails here, with a message that names the fix.
     */
    public <P> Route route(String path, List<String> methods, Class<P> inputs, TypedEndpoint<P> endpoint) {
        checkOpen("add the route " + methods + " " + path);
        PathTemplate template = PathTemplate.compile(prefix + path, converters);
        RouteInputs compiled;
        try {
            compiled = RouteInputs.compile(inputs, Set.copyOf(template.names()), dependencies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Route " + methods + " " + prefix + path + ": " + e.getMessage(), e);
        }
        Route route = new Route(template, methods, new BoundEndpoint<>(compiled, endpoint), compiled);
        add(route);
        return route;
    }

    /**
     * Dependencies every route of this router runs before its own (FastAPI's {@code APIRouter(dependencies=...)}),
     * e.g. an API-key check: provider classes or objects. They reach the routes added here and the routes of routers
     * included here. Their values are not injected; their failures (an HTTPException, a 422) answer instead of the
     * route. Declare them before adding or including the routes they cover.
     */
    public Router dependencies(Object... providers) {
        checkOpen("add dependencies");
        if (!entries.isEmpty()) {
            throw new IllegalStateException("Declare the router's dependencies before its routes: they are compiled "
                    + "into each route when it is added (" + entries.size() + " entries exist already)");
        }
        dependencies.addAll(List.of(providers));
        return this;
    }

    /** Adds every route of {@code router} (which carries its own prefix) to this one. */
    public Router include(Router router) {
        return include(router, "");
    }

    /**
     * Adds every route of {@code router} under an extra {@code prefix} in front of its own (FastAPI's
     * {@code include_router(router, prefix=..., dependencies=[...])}). Each included route runs this router's
     * dependencies, then {@code dependencies}, then its own router's, then its own: for the app's router that is
     * FastAPI's order, app, include-time, router, route. Their values are not injected. Mounts are copied as they
     * are: a mounted app is not a route and runs no dependencies of the including side.
     */
    public Router include(Router router, String extraPrefix, Object... dependencies) {
        if (router == this) {
            throw new IllegalArgumentException("A router cannot include itself");
        }
        checkOpen("include another router");
        String outer = prefix + extraPrefix;
        List<Object> before = new ArrayList<>(this.dependencies);
        before.addAll(List.of(dependencies));
        try {
            for (RouteEntry entry : router.entries) {
                switch (entry) {
                    case Route route -> add(new IncludedRoute(route.template().prefixed(outer, converters), route,
                            before));
                    case IncludedRoute included -> {
                        List<Object> all = new ArrayList<>(before);
                        all.addAll(included.dependencies());
                        add(new IncludedRoute(included.template().prefixed(outer, converters), included.route(), all));
                    }
                    case Mount mount -> add(new Mount(outer + mount.prefix(), mount.app(), mount.name()));
                    case WebSocketRoute ws -> {
                        if (!before.isEmpty()) {
                            throw new IllegalStateException("WebSocket route " + outer + ws.template().template()
                                    + ": included with dependencies, which WebSocket routes do not run; include "
                                    + "its router without dependencies, or check the handshake in the handler");
                        }
                        add(new WebSocketRoute(ws.template().prefixed(outer, converters), ws.endpoint())
                                .name(ws.name()));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Including the router '" + router.prefix + "' with prefix '"
                    + extraPrefix + "': " + e.getMessage(), e);
        }
        // Its routes are shared (their later changes apply here), but routes or converters added to it from now on
        // would not be: refuse them instead of losing them.
        router.sealedBecause = "it was included into another router (include copies its routes); add them before "
                + "calling include";
        return this;
    }

    /** Hands every request under {@code path} to {@code app}, e.g. another IFastAPI with its own middleware. */
    public Router mount(String path, Handler app) {
        return mount(path, app, null);
    }

    /** As {@link #mount(String, Handler)}, named: its routes are found by url building as {@code "name:route"}. */
    public Router mount(String path, Handler app, String name) {
        checkOpen("mount " + path);
        add(new Mount(prefix + path, app, name));
        return this;
    }

    /**
     * The path of the route with this name and exactly these path parameters (Starlette's {@code url_path_for}),
     * percent-encoded: {@code urlPathFor("read_user", Map.of("id", 42))} gives {@code /users/42}. Routes of named
     * mounts are {@code "mount:route"}.
     *
     * @throws NoMatchFoundException when no route has that name and those parameters
     */
    public String urlPathFor(String name, Map<String, ?> params) {
        String path = findUrlPath(name, params);
        if (path == null) {
            throw new NoMatchFoundException(name, params);
        }
        return path;
    }

    @Override
    public String findUrlPath(String name, Map<String, ?> params) {
        for (RouteEntry entry : entries) {
            String path = switch (entry) {
                case Route route -> name.equals(route.name()) ? route.template().expand(params) : null;
                case IncludedRoute included ->
                        name.equals(included.route().name()) ? included.template().expand(params) : null;
                case Mount mount -> mount.findUrlPath(name, params);
                case WebSocketRoute ws -> name.equals(ws.name()) ? ws.template().expand(params) : null;
            };
            if (path != null) {
                return path;
            }
        }
        return null;
    }

    /** A custom path parameter type for {@code {name:type}}, registered before the routes that use it. */
    public Router converter(String name, Converter converter) {
        checkOpen("register the converter '" + name + "'");
        converters.put(name, converter);
        return this;
    }

    public Router redirectSlashes(boolean redirect) {
        this.redirectSlashes = redirect;
        return this;
    }

    /** The routes served by this router, its own and included ones, in order of addition (mounts excluded). */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RouteEntry entry : entries) {
            if (entry instanceof Route route) {
                routes.add(route);
            } else if (entry instanceof IncludedRoute included) {
                routes.add(included.route());
            }
        }
        return routes;
    }

    /**
     * The operations this router serves, with their paths as served (included routers' prefixes applied), in order:
     * what the OpenAPI generator documents. Mounted apps describe themselves.
     */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (RouteEntry entry : entries) {
            if (entry instanceof Route route) {
                operations.add(route.operation());
            } else if (entry instanceof IncludedRoute included) {
                operations.add(included.operation());
            }
        }
        return operations;
    }

    /**
     * Fixes the routes once the app serves requests: later changes to a route or this router fail loudly rather
     * than apply to some requests and not to the docs. Called by the app at startup.
     */
    public void freeze() {
        if (sealedBecause == null) {
            sealedBecause = "the app is already serving requests; set up routes before app.run(), app.start() or "
                    + "the first request";
        }
        for (RouteEntry entry : entries) {
            switch (entry) {
                case Route route -> route.freeze();
                case IncludedRoute included -> included.route().freeze();
                case Mount ignored -> { }
                case WebSocketRoute ignored -> { }
            }
        }
    }

    private void checkOpen(String what) {
        String reason = sealedBecause;
        if (reason != null) {
            throw new IllegalStateException("Cannot " + what + " on router '" + prefix + "': " + reason);
        }
    }

    @Override
    public Response handle(Request request) throws Exception {
        String path = request.routePath();
        String method = request.method();
        boolean websocket = request.isWebSocket();
        Set<String> allowed = null;
        Index index = index();
        int[] statics = index.statics(path);
        int[] dynamic = index.dynamic(path);
        // The entries that may match, in order of addition: static ones (their params are known: none) merged with
        // the templated ones and mounts that can match this path at all.
        for (int s = 0, d = 0; s < statics.length || d < dynamic.length; ) {
            RouteEntry entry;
            Map<String, Object> params;
            if (d >= dynamic.length || (s < statics.length && statics[s] < dynamic[d])) {
                entry = index.entries[statics[s++]];
                params = Map.of();
            } else {
                entry = index.entries[dynamic[d++]];
                params = entry.matchPath(path);
                if (params == null) {
                    continue;
                }
            }
            if (websocket != (entry instanceof WebSocketRoute) && !(entry instanceof Mount)) {
                continue; // HTTP routes serve HTTP requests, WebSocket routes handshakes (Starlette's scope types)
            }
            if (entry.acceptsMethod(method)) {
                return entry.handle(request, params);
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.addAll(entry instanceof IncludedRoute included ? included.route().methods()
                    : ((Route) entry).methods());
        }
        if (websocket) {
            return Response.empty(403); // Starlette closes an unrouted WebSocket before accept: uvicorn's 403
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

    // ----- which requests run without blocking (Route.nonBlocking) -----

    /** Mounted as an app of its own, a router's routes are blocking unless they say otherwise. */
    @Override
    public boolean hasNonBlockingRoutes() {
        return hasNonBlockingRoutes(false);
    }

    @Override
    public boolean runsNonBlocking(String method, String path) {
        return runsNonBlocking(method, path, false);
    }

    /** Whether any route (or mounted app) runs without blocking; {@code byDefault} for routes that did not say. */
    public boolean hasNonBlockingRoutes(boolean byDefault) {
        for (RouteEntry entry : entries) {
            boolean nonBlocking = switch (entry) {
                case Route route -> route.operation().runsNonBlocking(byDefault);
                case IncludedRoute included -> included.route().operation().runsNonBlocking(byDefault);
                case Mount mount -> mount.hasNonBlockingRoutes();
                case WebSocketRoute webSocket -> false; // a WebSocket's handler waits on its messages
            };
            if (nonBlocking) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the route that {@link #handle} would pick for this method and path runs without blocking. False when
     * none would (a 404, 405 or redirect: rare, and the app's exception handlers may block).
     */
    public boolean runsNonBlocking(String method, String path, boolean byDefault) {
        return switch (match(method, path)) {
            case null -> false;
            case Route route -> route.operation().runsNonBlocking(byDefault);
            case IncludedRoute included -> included.route().operation().runsNonBlocking(byDefault);
            case Mount mount -> mount.runsNonBlocking(method, path);
            case WebSocketRoute webSocket -> false;
        };
    }

    /** The entry {@link #handle} would run, found the same way, or null. */
    private RouteEntry match(String method, String path) {
        Index index = index();
        int[] statics = index.statics(path);
        int[] dynamic = index.dynamic(path);
        for (int s = 0, d = 0; s < statics.length || d < dynamic.length; ) {
            RouteEntry entry;
            if (d >= dynamic.length || (s < statics.length && statics[s] < dynamic[d])) {
                entry = index.entries[statics[s++]];
            } else {
                entry = index.entries[dynamic[d++]];
                if (entry.matchPath(path) == null) {
                    continue;
                }
            }
            if (entry.acceptsMethod(method)) {
                return entry;
            }
        }
        return null;
    }

    private boolean matchesAny(String path) {
        Index index = index();
        if (index.statics(path).length > 0) {
            return true;
        }
        for (int i : index.dynamic(path)) {
            if (index.entries[i].matchPath(path) != null) {
                return true;
            }
        }
        return false;
    }

    private void add(RouteEntry entry) {
        entries.add(entry);
        index = null;
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            current = new Index(entries);
            index = current;
        }
        return current;
    }

    /**
     * Static paths are looked up in a hash map. Templated routes and mounts are grouped by the first path segment
     * they require literally ({@code /users/{id}} and the mount {@code /users} need "users"; {@code /{id}} and
     * {@code /u{id}} could match any, so they are in every group): a request is checked only against the group of
     * its own first segment. Every list keeps the order of addition, so the first match wins exactly as if every
     * entry were scanned; only entries that cannot match are skipped. So a request costs one or two hash lookups
     * and the regexes of the routes under its first segment, however many routes the app has.
     */
    private static final class Index {
        private static final int[] NONE = new int[0];

        final RouteEntry[] entries;
        private final Map<String, int[]> staticPaths = new HashMap<>();
        private final Map<String, int[]> dynamicByFirstSegment = new HashMap<>();
        /** Templated routes and mounts whose first segment is not literal: candidates for every path. */
        private final int[] anySegment;

        Index(List<RouteEntry> list) {
            entries = list.toArray(new RouteEntry[0]);
            Map<String, List<Integer>> statics = new HashMap<>();
            Map<String, List<Integer>> bySegment = new HashMap<>();
            List<Integer> any = new ArrayList<>();
            for (int i = 0; i < entries.length; i++) {
                PathTemplate template = templateOf(entries[i]);
                if (template != null && template.isStatic()) {
                    statics.computeIfAbsent(template.template(), k -> new ArrayList<>(1)).add(i);
                    continue;
                }
                String segment = literalFirstSegment(entries[i]);
                if (segment == null) {
                    any.add(i);
                } else {
                    bySegment.computeIfAbsent(segment, k -> new ArrayList<>()).add(i);
                }
            }
            statics.forEach((path, indexes) -> staticPaths.put(path, toArray(indexes)));
            anySegment = toArray(any);
            // Each group also holds the any-segment entries, merged in order of addition.
            bySegment.forEach((segment, indexes) -> {
                List<Integer> merged = new ArrayList<>(indexes);
                merged.addAll(any);
                merged.sort(null);
                dynamicByFirstSegment.put(segment, toArray(merged));
            });
        }

        /** Static routes of exactly this path, in order. */
        int[] statics(String path) {
            return staticPaths.getOrDefault(path, NONE);
        }

        /** Templated routes and mounts that may match this path, in order. */
        int[] dynamic(String path) {
            if (dynamicByFirstSegment.isEmpty()) {
                return anySegment;
            }
            String segment = firstSegment(path);
            int[] group = segment == null ? null : dynamicByFirstSegment.get(segment);
            return group != null ? group : anySegment;
        }

        /** "users" for /users and /users/7; null when the path does not start with '/'. */
        private static String firstSegment(String path) {
            if (path.isEmpty() || path.charAt(0) != '/') {
                return null;
            }
            int end = path.indexOf('/', 1);
            return path.substring(1, end < 0 ? path.length() : end);
        }

        /**
         * The first segment every path this entry matches must have, or null when it is not fixed: a mount
         * {@code /api/v1} matches only /api/v1 and /api/v1/..., whose first segment is "api"; a template's literal
         * text before its first parameter fixes the first segment when it already contains the segment's end,
         * as in {@code /users/{id}} (but not {@code /{name}} or {@code /file{n}}).
         */
        private static String literalFirstSegment(RouteEntry entry) {
            String literal;
            if (entry instanceof Mount mount) {
                literal = mount.prefix() + "/";
            } else {
                literal = templateOf(entry).literalPrefix();
            }
            int end = literal.indexOf('/', 1);
            return literal.startsWith("/") && end > 0 ? literal.substring(1, end) : null;
        }

        private static PathTemplate templateOf(RouteEntry entry) {
            return switch (entry) {
                case Route route -> route.template();
                case IncludedRoute included -> included.template();
                case WebSocketRoute ws -> ws.template();
                case Mount ignored -> null;
            };
        }

        private static int[] toArray(List<Integer> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
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
