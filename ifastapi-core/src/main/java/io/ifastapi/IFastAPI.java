package io.ifastapi;

import io.ifastapi.dependencies.DependencyOverrides;
import io.ifastapi.errors.ExceptionHandler;
import io.ifastapi.errors.ExceptionHandlers;
import io.ifastapi.errors.ExceptionMiddleware;
import io.ifastapi.errors.ServerErrorMiddleware;
import io.ifastapi.forms.FormLimits;
import io.ifastapi.http.App;
import io.ifastapi.json.JacksonJsonCodec;
import io.ifastapi.json.JsonCodec;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Endpoint;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.NonBlockingRoutes;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.params.JsonBody;
import io.ifastapi.params.TypedEndpoint;
import io.ifastapi.routing.Route;
import io.ifastapi.routing.Router;
import io.ifastapi.routing.UrlPaths;
import io.ifastapi.routing.WebSocketRoute;
import io.ifastapi.websockets.WebSocketEndpoint;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.ServerProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application: routes, middleware, exception handlers and lifespan hooks, and the entry point of every request.
 *
 * <pre>{@code
 * var app = new IFastAPI();
 * app.get("/hello", request -> Map.of("message", "hello"));
 * app.run(); // 127.0.0.1:8000, or HOST and PORT from the environment
 * }</pre>
 *
 * A request goes through, outermost first: server errors (500s), the user's middleware (the last added is the
 * outermost, as in Starlette), exception handling ({@link HTTPException} and registered handlers), then the router.
 */
public class IFastAPI implements Handler, App, UrlPaths, DependencyOverrides.Holder, NonBlockingRoutes {
    /** 1 MiB, as Javalin's default: enough for JSON APIs, small enough that a flood of bodies cannot exhaust memory. */
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(IFastAPI.class);

    private final Router router = new Router();
    private final DependencyOverrides dependencyOverrides = new DependencyOverrides();
    private final List<Middleware> middleware = new ArrayList<>();
    private final ExceptionHandlers exceptionHandlers = new ExceptionHandlers();
    private final List<LifespanHook> startupHooks = new ArrayList<>();
    private final List<LifespanHook> shutdownHooks = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private boolean debug;
    private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
    private FormLimits formLimits = FormLimits.defaults();
    private JsonCodec json = JacksonJsonCodec.defaults();
    private ServerFactory serverFactory = ServerProviders.discovered();
    private boolean nonBlockingByDefault;
    /** Set with the stack: every middleware is non-blocking, and whether any route is. */
    private boolean middlewareNonBlocking;
    private boolean anyNonBlocking;
    private volatile Handler stack;
    /** The stack WebSocket handshakes go through: only the middleware that handle WebSockets. */
    private volatile Handler webSocketStack;

    // ----- routes -----

    public Route get(String path, Endpoint endpoint) {
        return router.get(path, endpoint);
    }

    public Route post(String path, Endpoint endpoint) {
        return router.post(path, endpoint);
    }

    public Route put(String path, Endpoint endpoint) {
        return router.put(path, endpoint);
    }

    public Route patch(String path, Endpoint endpoint) {
        return router.patch(path, endpoint);
    }

    public Route delete(String path, Endpoint endpoint) {
        return router.delete(path, endpoint);
    }

    public Route head(String path, Endpoint endpoint) {
        return router.head(path, endpoint);
    }

    public Route options(String path, Endpoint endpoint) {
        return router.options(path, endpoint);
    }

    /** One route for several methods, e.g. {@code app.route("/items", List.of("GET", "POST"), handler)}. */
    public Route route(String path, List<String> methods, Endpoint endpoint) {
        return router.route(path, methods, endpoint);
    }

    /**
     * A WebSocket route, in Starlette's shape (see docs/websockets.md):
     * {@code app.websocket("/ws", ws -> { ws.accept(); for (String m : ws.iterText()) ws.sendText(m); })}.
     */
    public WebSocketRoute websocket(String path, WebSocketEndpoint endpoint) {
        return router.websocket(path, endpoint);
    }

    // ----- routes with declared inputs (see docs/parameters.md) -----

    /**
     * A GET route whose inputs are a record, bound and validated before the handler runs (422 otherwise):
     * {@code app.get("/items", ListItems.class, (request, p) -> store.find(p.q(), p.limit()))}.
     */
    public <P> Route get(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return router.get(path, inputs, endpoint);
    }

    /** A POST route with declared inputs: {@code app.post("/items", ItemIn.class, (request, item) -> ...)}. */
    public <P> Route post(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return router.post(path, inputs, endpoint);
    }

    public <P> Route put(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return router.put(path, inputs, endpoint);
    }

    public <P> Route patch(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return router.patch(path, inputs, endpoint);
    }

    public <P> Route delete(String path, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return router.delete(path, inputs, endpoint);
    }

    public <P> Route route(String path, List<String> methods, Class<P> inputs, TypedEndpoint<P> endpoint) {
        return router.route(path, methods, inputs, endpoint);
    }

    /**
     * Dependencies every route of the app runs first (FastAPI's {@code FastAPI(dependencies=[...])}): provider
     * classes or objects, declared before the routes and includes. They reach every route, included routers' too.
     */
    public IFastAPI dependencies(Object... providers) {
        router.dependencies(providers);
        return this;
    }

    /**
     * Replacements of dependencies, read per request (FastAPI's {@code app.dependency_overrides}), for tests:
     * {@code app.dependencyOverrides().put(CurrentUser.class, FakeUser.class)}.
     */
    @Override
    public DependencyOverrides dependencyOverrides() {
        return dependencyOverrides;
    }

    /** Adds a router's routes (FastAPI's {@code include_router}). */
    public IFastAPI include(Router other) {
        router.include(other);
        return this;
    }

    /**
     * Adds a router's routes under {@code prefix}, each running the app's dependencies, then {@code dependencies},
     * then the router's own, then the route's (FastAPI's {@code include_router(router, prefix=...,
     * dependencies=[...])}).
     */
    public IFastAPI include(Router other, String prefix, Object... dependencies) {
        router.include(other, prefix, dependencies);
        return this;
    }

    /** Serves another app (or any handler) under a prefix, with its own middleware. */
    public IFastAPI mount(String path, Handler app) {
        router.mount(path, app);
        return this;
    }

    /** As {@link #mount(String, Handler)}, named: url building finds its routes as {@code "name:route"}. */
    public IFastAPI mount(String path, Handler app, String name) {
        router.mount(path, app, name);
        return this;
    }

    /**
     * The path of the named route with these path parameters, percent-encoded (Starlette's {@code url_path_for}):
     * {@code app.urlPathFor("read_item", Map.of("id", 3))} gives {@code /items/3}. In a handler,
     * {@code request.urlFor(...)} gives the absolute URL.
     *
     * @throws io.ifastapi.routing.NoMatchFoundException when no route has that name and those parameters
     */
    @Override
    public String urlPathFor(String name, Map<String, ?> params) {
        return router.urlPathFor(name, params);
    }

    @Override
    public String findUrlPath(String name, Map<String, ?> params) {
        return router.findUrlPath(name, params);
    }

    /** The app's router: custom converters, redirect_slashes, the route list. */
    public Router router() {
        return router;
    }

    // ----- middleware and errors -----

    /** Adds a middleware around everything added before it (the last added runs first). */
    public IFastAPI addMiddleware(Middleware m) {
        if (stack != null) {
            throw new IllegalStateException("Cannot add middleware after the app has started handling requests; "
                    + "add it before app.run() or the first request");
        }
        middleware.add(m);
        return this;
    }

    /** The function form, like {@code @app.middleware("http")}: {@code app.middleware((request, next) -> ...)}. */
    public IFastAPI middleware(Middleware m) {
        return addMiddleware(m);
    }

    /** Handles an exception class (and its subclasses) raised by a handler. */
    public <E extends Throwable> IFastAPI exceptionHandler(Class<E> type, ExceptionHandler<? super E> handler) {
        exceptionHandlers.add(type, handler);
        return this;
    }

    /** Handles the {@link HTTPException}s of one status, e.g. a custom 404 page. */
    public IFastAPI exceptionHandler(int status, ExceptionHandler<? super HTTPException> handler) {
        exceptionHandlers.add(status, handler);
        return this;
    }

    /**
     * The response for an exception nobody handled: logged, then a 500 (showing the error when debug is on). For
     * middleware that must answer even when the handler failed; ordinary code just throws.
     */
    @Override
    public Response errorResponse(Request request, Throwable error) {
        return ServerErrorMiddleware.render(this, exceptionHandlers, request, error);
    }

    /**
     * Bodies read with {@code request.json(Type)} are validated like typed routes' bodies (pydantic's 422s). An app
     * given its own codec ({@link #json(JsonCodec)}, with its naming and conventions) reads them through that codec.
     */
    @Override
    public Object readJson(Request request, java.lang.reflect.Type type) {
        return json == JacksonJsonCodec.defaults() ? JsonBody.validate(request, type) : null;
    }

    // ----- settings -----

    /** Shows exceptions in 500 responses. For development only: it reveals code and data to clients. */
    public IFastAPI debug(boolean debug) {
        this.debug = debug;
        return this;
    }

    @Override
    public boolean isDebug() {
        return debug;
    }

    /**
     * The app's JSON codec, used for return values, request bodies and session values: Jackson with
     * {@code Json.mapper()} by default; e.g. {@code app.json(JacksonJsonCodec.of(myMapper))}.
     */
    public IFastAPI json(JsonCodec codec) {
        if (codec == null) {
            throw new IllegalArgumentException("codec must not be null; the default is JacksonJsonCodec.defaults()");
        }
        this.json = codec;
        return this;
    }

    @Override
    public JsonCodec json() {
        return json;
    }

    /** The largest request body accepted; bigger ones get 413. Default {@value #DEFAULT_MAX_BODY_SIZE} bytes. */
    public IFastAPI maxBodySize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxBodySize must be >= 0, got " + bytes);
        }
        this.maxBodySize = bytes;
        return this;
    }

    @Override
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * The limits of {@code request.form()}: Starlette's by default (1000 files, 1000 fields, 1 MiB per non-file part,
     * uploads spooled to disk past 1 MiB, no limit on file or multipart body size). E.g.
     * {@code app.formLimits(FormLimits.defaults().maxFileSize(50 << 20).maxBodySize(100 << 20))}.
     */
    public IFastAPI formLimits(FormLimits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("formLimits must not be null; start from FormLimits.defaults()");
        }
        this.formLimits = limits;
        return this;
    }

    @Override
    public FormLimits formLimits() {
        return formLimits;
    }

    /**
     * Makes every route that does not say otherwise ({@code route.nonBlocking(false)}) non-blocking: see
     * {@link Route#nonBlocking()}. For an app whose handlers only compute (no JDBC, no HTTP calls, no sleeping): the
     * Netty adapter runs its requests on the event loop, when every middleware is non-blocking too. Default false:
     * every request on a virtual thread of its own, where blocking is safe.
     */
    public IFastAPI nonBlocking(boolean nonBlocking) {
        if (stack != null) {
            throw new IllegalStateException("Cannot change nonBlocking after the app has started handling requests; "
                    + "set it before app.run() or the first request");
        }
        this.nonBlockingByDefault = nonBlocking;
        return this;
    }

    @Override
    public boolean hasNonBlockingRoutes() {
        stack();
        return anyNonBlocking;
    }

    /** True when the route of this request is non-blocking and so is every middleware of this app. */
    @Override
    public boolean runsNonBlocking(String method, String path) {
        stack();
        return middlewareNonBlocking && router.runsNonBlocking(method, path, nonBlockingByDefault);
    }

    /** Starlette's redirect_slashes (default true): {@code /items/} redirects to {@code /items} when only that exists. */
    public IFastAPI redirectSlashes(boolean redirect) {
        router.redirectSlashes(redirect);
        return this;
    }

    /**
     * The server adapter that {@link #run()} and {@link #start} use. By default the one found on the class path when
     * the app starts serving ({@link ServerProviders}: Netty when both ifastapi-netty and ifastapi-jetty are there);
     * or a given one, e.g. {@code app.server(JettyServer::start)}.
     */
    public IFastAPI server(ServerFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("server factory must not be null; the default is "
                    + "ServerProviders.discovered() (the adapter on the class path)");
        }
        this.serverFactory = factory;
        return this;
    }

    /** The server adapter this app is served by (TestClient's over-network transport uses it too). */
    public ServerFactory serverFactory() {
        return serverFactory;
    }

    // ----- lifespan -----

    public IFastAPI onStartup(LifespanHook hook) {
        startupHooks.add(hook);
        return this;
    }

    public IFastAPI onShutdown(LifespanHook hook) {
        shutdownHooks.add(hook);
        return this;
    }

    /** Runs the startup hooks once; servers and TestClient call it before the first request. */
    public void startup() throws Exception {
        if (started.compareAndSet(false, true)) {
            stack();
            for (LifespanHook hook : startupHooks) {
                hook.run();
            }
        }
    }

    /** Runs the shutdown hooks, in reverse order of registration, once after startup; all run even if one fails. */
    public void shutdown() {
        if (started.compareAndSet(true, false)) {
            for (LifespanHook hook : shutdownHooks.reversed()) {
                try {
                    hook.run();
                } catch (Exception e) {
                    LOG.error("Shutdown hook failed", e);
                }
            }
        }
    }

    // ----- handling -----

    /**
     * Handles one request through the whole stack. Never throws: failures become 500 responses. The response to a
     * HEAD request still has its body here (a streaming one not yet run): the server adapter, or TestClient, drops it
     * through {@link io.ifastapi.server.AppInvoker}.
     */
    @Override
    public Response handle(Request request) {
        // This app owns the request while inside it (its limits, handlers, debug flag); a mounting app gets it back.
        ServerRequest server = ServerRequest.of(request);
        App outer = server.claim(this);
        Response response;
        try {
            Handler handler = stack();
            response = (request.isWebSocket() ? webSocketStack : handler).handle(request);
        } catch (Exception impossible) { // ServerErrorMiddleware catches everything
            response = errorResponse(request, impossible);
        } finally {
            server.release(outer);
        }
        return response; // a HEAD's body is dropped by whoever writes the response (AppInvoker), never here
    }

    private Handler stack() {
        Handler current = stack;
        if (current == null) {
            synchronized (this) {
                current = stack;
                if (current == null) {
                    for (AppExtension extension : ServiceLoader.load(AppExtension.class,
                            IFastAPI.class.getClassLoader())) {
                        extension.extend(this);
                    }
                    router.freeze();
                    webSocketStack = build(true);
                    current = build(false);
                    middlewareNonBlocking = middleware.stream().allMatch(m -> m.nonBlocking());
                    anyNonBlocking = middlewareNonBlocking && router.hasNonBlockingRoutes(nonBlockingByDefault);
                    stack = current; // published last: the two flags above are read after reading it
                }
            }
        }
        return current;
    }

    /** The stack of every middleware, or (for WebSocket handshakes) of those that handle WebSockets. */
    private Handler build(boolean webSockets) {
        Handler inner = new ExceptionMiddleware(router, exceptionHandlers);
        for (Middleware m : middleware) {
            if (webSockets && !m.handlesWebSockets()) {
                continue;
            }
            Handler next = inner;
            inner = request -> m.handle(request, next);
        }
        return new ServerErrorMiddleware(inner, this, exceptionHandlers);
    }

    // ----- serving -----

    /** Serves on HOST:PORT from the environment (default 127.0.0.1:8000) until the process is stopped. */
    public void run() {
        run(ServerConfig.fromEnvironment());
    }

    public void run(String host, int port) {
        run(ServerConfig.defaults().host(host).port(port));
    }

    /**
     * Serves until SIGTERM or Ctrl-C, then stops gracefully: no new connections, in-flight requests finish (up to
     * the config's grace period), shutdown hooks run. A JVM shutdown hook does the stopping; this method returns once
     * it is done, or when the server is stopped some other way (then the hook is removed). As any JVM, the process
     * then exits with status 143 after SIGTERM (128 + 15) and 130 after Ctrl-C.
     */
    public void run(ServerConfig config) {
        Server server = start(config);
        Thread hook = new Thread(server::stop, "ifastapi-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) { // SIGTERM arrived while we were starting
            server.stop();
            return;
        }
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            server.stop();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // stopped without the JVM exiting: don't leak the hook
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped the server
            }
        }
    }

    /** Starts serving in the background and returns the running server (tests, embedding). */
    public Server start(ServerConfig config) {
        try {
            startup();
        } catch (Exception e) {
            throw new IllegalStateException("A startup hook failed: " + e, e);
        }
        try {
            return serverFactory.start(this, config, this::shutdown);
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
    }
}
