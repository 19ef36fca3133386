package io.ifastapi.server;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the app for one request, the same way for every adapter and for TestClient's in-process transport: a
 * failure or a missing response becomes a logged 500, and a HEAD request gets its response without a body
 * ({@link HttpRules#forHead}), the one place where that happens. Also the one wording of the failures adapters log.
 */
public final class AppInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(AppInvoker.class);

    private AppInvoker() {
    }

    /** The response to write for {@code request}. Never throws and never returns null. */
    public static Response respond(Handler app, Request request) {
        Response answer;
        try {
            answer = app.handle(request);
        } catch (Exception e) { // IFastAPI turns failures into 500s itself; this guards against another Handler
            LOG.error("Unhandled exception in {} for {}", app, request, e);
            answer = null;
        }
        if (answer == null) {
            answer = Response.text("Internal Server Error", 500);
        }
        return HttpRules.isHead(request) ? HttpRules.forHead(answer) : answer;
    }

    /**
     * Logs a streaming body that failed while being written: quietly when the client went away (nothing to fix),
     * as an error otherwise. The adapter then aborts the response.
     */
    public static void bodyFailed(Request request, Throwable error, boolean clientGone) {
        if (clientGone) {
            LOG.debug("Client went away during the response to {}: {}", request, error.toString());
        } else {
            LOG.error("The response body of {} failed; aborting the response", request, error);
        }
    }
}
