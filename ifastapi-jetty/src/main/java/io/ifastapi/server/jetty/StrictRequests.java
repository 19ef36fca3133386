package io.ifastapi.server.jetty;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty's parser lets through but uvicorn and the Netty adapter refuse, answered before the app sees it, with
 * the JSON error of {@link JsonErrorHandler} and a closed connection (what follows on it cannot be trusted):
 * <ul>
 * <li>a method with lower-case letters ({@code get}): 400, as uvicorn (methods are case-sensitive; Jetty keeps
 *     {@code get} as an unknown method that the router would then treat as GET);
 * <li>a transfer coding other than chunked ({@code Transfer-Encoding: gzip, chunked}): 501, since the app would
 *     get the still-encoded bytes. (A last coding other than chunked is already a 400 from Jetty's parser.)
 * </ul>
 */
final class StrictRequests {
    private StrictRequests() {
    }

    /** True when the request was refused: the response is on its way and the app must not run. */
    static boolean refused(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        for (int i = 0; i < method.length(); i++) {
            if (Character.isLowerCase(method.charAt(i))) {
                return refuse(request, response, callback, 400,
                        "Methods are case-sensitive: " + method + " is not a method");
            }
        }
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() == HttpHeader.TRANSFER_ENCODING) {
                for (String coding : field.getValue().split(",")) {
                    if (!coding.isBlank() && !HttpHeaderValue.CHUNKED.is(coding.trim())) {
                        return refuse(request, response, callback, 501,
                                "Unsupported Transfer-Encoding: " + field.getValue().trim());
                    }
                }
            }
        }
        return false;
    }

    private static boolean refuse(Request request, Response response, Callback callback, int status, String detail) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Response.writeError(request, response, callback, status, detail);
        return true;
    }
}
