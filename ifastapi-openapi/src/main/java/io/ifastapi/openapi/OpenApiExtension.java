package io.ifastapi.openapi;

import io.ifastapi.AppExtension;
import io.ifastapi.IFastAPI;

/**
 * Turns the docs on by default: found by ServiceLoader when ifastapi-openapi is on the class path, it installs
 * {@link OpenApi} with FastAPI's defaults on every app that did not install it (with its own settings) or
 * {@linkplain OpenApi#disable turn it off}. Its routes come after the app's own, so an app that serves its own
 * {@code /docs} keeps it.
 */
public final class OpenApiExtension implements AppExtension {

    @Override
    public void extend(IFastAPI app) {
        OpenApi.installByDefault(app);
    }
}
