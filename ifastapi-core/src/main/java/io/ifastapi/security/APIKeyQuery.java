package io.ifastapi.security;

import io.ifastapi.http.Request;

/**
 * An API key sent in the query {@code name} (FastAPI's {@code APIKeyQuery}). Subclass it to name the query, so
 * {@code @Depends} can make it: {@code static final class AdminKey extends APIKeyQuery { AdminKey() { super("X-API-Key"); } }}
 * and {@code @Depends(AdminKey.class) String key}; or pass an instance to {@code app.dependencies(...)}.
 */
public non-sealed class APIKeyQuery extends APIKey {

    public APIKeyQuery(String name) {
        this(name, true);
    }

    /** @param autoError false to provide null instead of answering 401 when the key is absent */
    public APIKeyQuery(String name, boolean autoError) {
        super("query", name, autoError);
    }

    @Override
    String read(Request request) {
        return request.queryParam(name());
    }
}
