package io.ifastapi.security;

import io.ifastapi.http.Request;

/**
 * An API key sent in the header {@code name} (FastAPI's {@code APIKeyHeader}). Subclass it to name the header, so
 * {@code @Depends} can make it: {@code static final class AdminKey extends APIKeyHeader { AdminKey() { super("X-API-Key"); } }}
 * and {@code @Depends(AdminKey.class) String key}; or pass an instance to {@code app.dependencies(...)}.
 */
public non-sealed class APIKeyHeader extends APIKey {

    public APIKeyHeader(String name) {
        this(name, true);
    }

    /** @param autoError false to provide null instead of answering 401 when the key is absent */
    public APIKeyHeader(String name, boolean autoError) {
        super("header", name, autoError);
    }

    @Override
    String read(Request request) {
        return request.header(name());
    }
}
