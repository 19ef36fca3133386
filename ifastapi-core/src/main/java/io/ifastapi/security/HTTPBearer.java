package io.ifastapi.security;

import io.ifastapi.dependencies.Dependency;
import io.ifastapi.http.Request;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bearer token in the Authorization header (FastAPI's {@code HTTPBearer}): provides its
 * {@link HTTPAuthorizationCredentials}. No header, no token or another scheme: 401
 * {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: Bearer}, or null when {@code autoError} is
 * false.
 */
public class HTTPBearer implements Dependency<Void, HTTPAuthorizationCredentials>, SecurityScheme {
    private final boolean autoError;

    public HTTPBearer() {
        this(true);
    }

    public HTTPBearer(boolean autoError) {
        this.autoError = autoError;
    }

    @Override
    public HTTPAuthorizationCredentials provide(Request request, Void none) {
        String header = request.header("authorization");
        Authorization authorization = Authorization.parse(header);
        if (header == null || header.isEmpty() || authorization.scheme().isEmpty()
                || authorization.param().isEmpty() || !authorization.scheme().equalsIgnoreCase("bearer")) {
            if (autoError) {
                throw NotAuthenticated.error("Bearer");
            }
            return null;
        }
        return new HTTPAuthorizationCredentials(authorization.scheme(), authorization.param());
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "http");
        scheme.put("scheme", "bearer");
        return scheme;
    }
}
