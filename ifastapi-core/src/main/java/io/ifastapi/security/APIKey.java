package io.ifastapi.security;

import io.ifastapi.dependencies.Dependency;
import io.ifastapi.http.Request;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API key read from a header, the query or a cookie (FastAPI's {@code APIKeyHeader}/{@code APIKeyQuery}/
 * {@code APIKeyCookie}): provides the key as sent; the helper does not check it, the route does. Absent or empty it
 * is a 401 {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: APIKey}, or null when
 * {@code autoError} is false.
 */
public abstract sealed class APIKey implements Dependency<Void, String>, SecurityScheme
        permits APIKeyHeader, APIKeyQuery, APIKeyCookie {
    private final String name;
    private final boolean autoError;
    private final String in;

    APIKey(String in, String name, boolean autoError) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An API key needs the name of its " + in + ", e.g. \"X-API-Key\"");
        }
        this.in = in;
        this.name = name;
        this.autoError = autoError;
    }

    public String name() {
        return name;
    }

    abstract String read(Request request);

    @Override
    public String provide(Request request, Void none) {
        String key = read(request);
        if (key == null || key.isEmpty()) {
            if (autoError) {
                throw NotAuthenticated.error("APIKey");
            }
            return null;
        }
        return key;
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "apiKey");
        scheme.put("in", in);
        scheme.put("name", name);
        return scheme;
    }
}
