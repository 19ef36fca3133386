package io.ifastapi.errors;

import io.ifastapi.http.App;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.AuthenticationNotInstalledException;
import io.ifastapi.http.SessionNotInstalledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The outermost layer (Starlette's ServerErrorMiddleware): whatever escapes the app becomes a 500, logged with its
 * stack trace. With {@code debug} on, the response shows the exception, for development only; a missing
 * SessionMiddleware also shows the line that fixes it.
 */
public final class ServerErrorMiddleware implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger("io.ifastapi.IFastAPI");

    private final Handler next;
    private final App app;
    private final ExceptionHandlers handlers;

    public ServerErrorMiddleware(Handler next, App app, ExceptionHandlers handlers) {
        this.next = next;
        this.app = app;
        this.handlers = handlers;
    }

    @Override
    public Response handle(Request request) {
        try {
            return next.handle(request);
        } catch (Throwable e) {
            return render(app, handlers, request, e);
        }
    }

    /**
     * The 500 for an exception nobody handled. Also used by middleware that must answer even when the handler
     * failed (SessionMiddleware saves the session on this response).
     */
    public static Response render(App app, ExceptionHandlers handlers, Request request, Throwable error) {
        if (error instanceof HTTPException http) {
            // raised by a middleware (CSRFMiddleware's 403), outside ExceptionMiddleware: the app's handlers for
            // its status or class still apply, as they do to a route's HTTPException
            ExceptionHandler<? super HTTPException> byStatus = handlers.forStatus(http.status());
            ExceptionHandler<Throwable> byClass = byStatus != null ? null
                    : handlers.forClass(http.getClass(), HTTPException.class);
            try {
                if (byStatus != null) {
                    return byStatus.handle(request, http);
                }
                if (byClass != null) {
                    return byClass.handle(request, http);
                }
            } catch (Exception handlerFailed) {
                LOG.error("The exception handler for HTTP {} failed", http.status(), handlerFailed);
                return (app.isDebug() ? debugResponse(request, handlerFailed)
                        : Response.text("Internal Server Error", 500)).serverError(handlerFailed);
            }
            return ExceptionMiddleware.render(http);
        }
        if (error instanceof VirtualMachineError fatal && !(error instanceof StackOverflowError)) {
            throw fatal;
        }
        LOG.error("Exception in {} {}: {}", request.method(), request.path(), error.toString(), error);
        Response response = null;
        ExceptionHandler<Throwable> custom = handlers.forClass(error.getClass());
        if (custom != null) {
            try {
                response = custom.handle(request, error);
            } catch (Exception handlerFailed) {
                LOG.error("The exception handler for {} failed too", error.getClass().getName(), handlerFailed);
            }
        }
        if (response == null) {
            response = app.isDebug() ? debugResponse(request, error) : Response.text("Internal Server Error", 500);
        }
        return response.serverError(error);
    }

    private static Response debugResponse(Request request, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String fix = error instanceof SessionNotInstalledException
                ? "\nFix: install SessionMiddleware before the routes run, e.g.\n    " + SessionNotInstalledException.FIX
                + "\n" : error instanceof AuthenticationNotInstalledException
                ? "\nFix: install AuthenticationMiddleware before the routes run, e.g.\n    "
                + AuthenticationNotInstalledException.FIX + "\n" : "";
        String accept = request.header("accept");
        if (accept != null && accept.contains("text/html")) {
            return Response.html("<!doctype html><html><head><title>500 Internal Server Error</title></head><body>"
                    + "<h1>500 Internal Server Error</h1><h2>" + escape(error.toString()) + "</h2>"
                    + (fix.isEmpty() ? "" : "<pre><b>" + escape(fix.strip()) + "</b></pre>")
                    + "<pre>" + escape(trace.toString()) + "</pre>"
                    + "<p>Shown because debug is on. Turn it off in production.</p></body></html>", 500);
        }
        return Response.text("500 Internal Server Error\n\n" + error + "\n" + fix + "\n" + trace, 500);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
