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
 * <p>WebSockets: a handshake ({@link Request#isWebSocket()}) goes only through the middleware that say so by
 * overriding {@link #handlesWebSockets()}, as Starlette's pure ASGI middleware see {@code websocket} scopes while
 * {@code @app.middleware("http")} does not. The function form above is HTTP-only.
 */
@FunctionalInterface
public interface Middleware {
    Response handle(Request request, Handler next) throws Exception;

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
