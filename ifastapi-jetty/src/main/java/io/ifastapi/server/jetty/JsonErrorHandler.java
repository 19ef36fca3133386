package io.ifastapi.server.jetty;

import io.ifastapi.server.HttpRules;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The body of the errors Jetty answers itself (malformed requests: 400, 414, 431, 505; 503 while shutting down; a
 * 500 when a response body fails before anything was sent): FastAPI's {@code {"detail": "..."}}, as the app's own
 * errors, instead of Jetty's HTML page. A 4xx says what was wrong ("Illegal character ...", "No Host"); a 5xx says
 * only its reason phrase, never the exception, which may carry internals.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(HttpRules.errorBody(code, message)), callback);
    }

    /** Every error has its JSON body, whatever the method (Jetty's default writes one for GET, POST and HEAD only). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }
}
