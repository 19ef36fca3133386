package io.ifastapi.security;

import io.ifastapi.http.Request;

/**
 * An API key sent in the cookie {@code name} (FastAPI's {@code APIKeyCookie}). Subclass it to name the cookie, so
 * {@code @Depends} can make it: {@code static final class AdminKey extends APIKeyCookie { AdminKey() { super("X-API-Key"); } }}
 * and {@code @Depends(AdminKey.class) String key}; or pass an instance to {@code app.dependencies(...)}.
 */
public non-sealed class APIKeyCookie extends APIKey {

    public APIKeyCookie(String name) {
        this(name, true);
    }

    /** @param autoError false to provide null instead of answering 401 when the key is absent */
    public APIKeyCookie(String name, boolean autoError) {
        super("cookie", name, autoError);
    }

    @Override
    String read(Request request) {
        return request.cookie(name());
    }
}
