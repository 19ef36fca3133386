package io.ifastapi.http;

import io.ifastapi.json.JsonCodec;

import java.util.Map;

/**
 * What a request knows of the app handling it ({@link Request#app()}): the innermost app that claimed it, so a
 * mounted sub-app's limits, error rendering and debug flag apply inside it (Starlette: {@code scope["app"]}).
 * {@code IFastAPI} implements it.
 */
public interface App {
    /** Whether 500 responses show the exception (development only). */
    boolean isDebug();

    /** The largest request body this app accepts; bigger ones get 413. */
    long maxBodySize();

    /**
     * The response for an exception nobody handled: the app's exception handlers, else a 500 (showing the error when
     * debug is on). For middleware that must answer even when the handler failed.
     */
    Response errorResponse(Request request, Throwable error);

    /**
     * The path of the named route with these path parameters (Starlette's {@code url_path_for}); routes of a named
     * mount are {@code "mount:route"}. Throws {@code NoMatchFoundException} (an IllegalArgumentException) when none.
     */
    String urlPathFor(String name, Map<String, ?> params);

    /** The app's JSON codec: return values, request bodies and session values go through it. */
    JsonCodec json();
}
