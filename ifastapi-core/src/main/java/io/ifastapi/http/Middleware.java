package io.ifastapi.http;

/**
 * Wraps the rest of the app, Starlette style: do something before, call {@code next.handle(request)}, do something
 * with the response after. The function form of {@code @app.middleware("http")}:
 *
 * <pre>{@code
 * app.addMiddleware((request, next) -> {
 *     var response = next.handle(request);
 *     response.header("X-Process-Time", "...");
 *     return response;
 * });
 * }</pre>
 *
 * <p>A middleware may block (a database, a session store over the network) unless it says otherwise with
 * {@link #nonBlocking()}: routes that opt in to the event loop ({@code Route.nonBlocking()}) run there only when
 * every middleware on their path says it never blocks (see docs/performance.md).
 *
 * <p>WebSockets: a handshake ({@link Request#isWebSocket()}) goes only through the middleware that say so by
 * overriding {@link #handlesWebSockets()}, as Starlette's pure ASGI middleware see {@code websocket} scopes while
 * {@code @app.middleware("http")} does not. The function form above is HTTP-only.
 */
@FunctionalInterface
public interface Middleware {
    Response handle(Request request, Handler next) throws Exception;

    /**
     * True when this middleware never blocks: no I/O, no waiting on locks held for long, only computation (CORS,
     * GZip, cookie sessions). Then requests of non-blocking routes may run it on the server's event loop, where a
     * blocking call would stall every connection of that loop. False (the safe default) keeps them on virtual
     * threads.
     */
    default boolean nonBlocking() {
        return false;
    }

    /**
     * A function middleware declared non-blocking:
     * {@code app.addMiddleware(Middleware.nonBlocking((request, next) -> next.handle(request).header("X-A", "1")))}.
     */
    static Middleware nonBlocking(Middleware middleware) {
        return new Middleware() {
            @Override
            public Response handle(Request request, Handler next) throws Exception {
                return middleware.handle(request, next);
            }

            @Override
            public boolean nonBlocking() {
                return true;
            }

            @Override
            public String toString() {
                return "nonBlocking(" + middleware + ")";
            }
        };
    }

    /**
     * Whether WebSocket handshakes go through this middleware too; false by default (HTTP only). One that says true
     * sees the handshake request before the route runs: it may refuse it with a response (sent as the handshake's
     * HTTP answer) or let it through; {@code next.handle} returns once the WebSocket has ended, and its response
     * (status 101 after an accept) must be returned untouched: nothing more can be sent over HTTP.
     */
    default boolean handlesWebSockets() {
        return false;
    }
}
