package io.ifastapi;

/**
 * What a module adds to every app when it is on the class path, found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.ifastapi.AppExtension}): ifastapi-openapi serves {@code /openapi.json}, {@code /docs}
 * and {@code /redoc} this way, on by default as in FastAPI. Runs once per app, when the app builds its request stack
 * (at startup or its first request), after the user's own setup and just before the routes are fixed: it may add
 * routes and startup hooks, and sees what the user configured (an extension the user installed or turned off by hand
 * does nothing).
 */
public interface AppExtension {

    void extend(IFastAPI app);
}
