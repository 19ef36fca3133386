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
 */
@FunctionalInterface
public interface Middleware {
    Response handle(Request request, Handler next) throws Exception;
}
