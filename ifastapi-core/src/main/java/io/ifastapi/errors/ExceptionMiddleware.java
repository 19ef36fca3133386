package io.ifastapi.errors;

import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.HttpStatus;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import java.util.Map;

/**
 * The innermost layer, between the middleware and the router (Starlette's ExceptionMiddleware): turns
 * {@link HTTPException} into {@code {"detail": ...}} and other exceptions into responses when a handler is
 * registered for them. Anything else goes on up to {@link ServerErrorMiddleware}.
 */
public final class ExceptionMiddleware implements Handler {
    private final Handler router;
    private final ExceptionHandlers handlers;

    public ExceptionMiddleware(Handler router, ExceptionHandlers handlers) {
        this.router = router;
        this.handlers = handlers;
    }

    @Override
    public Response handle(Request request) throws Exception {
        try {
            return router.handle(request);
        } catch (HTTPException e) {
            ExceptionHandler<? super HTTPException> byStatus = handlers.forStatus(e.status());
            if (byStatus != null) {
                return byStatus.handle(request, e);
            }
            // Only handlers of HTTPException and its subclasses: one for Exception or RuntimeException is the 500
            // handler (as in Starlette) and must not turn every 404 and 405 into its response.
            ExceptionHandler<Throwable> byClass = handlers.forClass(e.getClass(), HTTPException.class);
            return byClass != null ? byClass.handle(request, e) : render(e);
        } catch (Exception e) {
            ExceptionHandler<Throwable> byClass = handlers.forClass(e.getClass());
            if (byClass == null) {
                throw e;
            }
            return byClass.handle(request, e);
        }
    }

    /** FastAPI's default: the detail as JSON, or no body for statuses that cannot have one. */
    public static Response render(HTTPException e) {
        Response response = HttpStatus.bodyless(e.status())
                ? Response.empty(e.status())
                : Response.json(Map.of("detail", e.detail() == null ? HttpStatus.reason(e.status()) : e.detail()), e.status());
        e.headers().forEach(response.headers()::add);
        return response;
    }
}
