package io.ifastapi.security;

import io.ifastapi.dependencies.Dependency;
import io.ifastapi.http.Request;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token of OAuth2's password flow (FastAPI's {@code OAuth2PasswordBearer}): provides the bearer token of the
 * Authorization header; {@code tokenUrl} is where clients get one (documented in OpenAPI). No header or another
 * scheme: 401 {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: Bearer}, or null when
 * {@code autoError} is false. The token route itself reads the client's credentials with
 * {@link OAuth2PasswordRequestForm}.
 */
public class OAuth2PasswordBearer implements Dependency<Void, String>, SecurityScheme {
    private final String tokenUrl;
    private final boolean autoError;

    public OAuth2PasswordBearer(String tokenUrl) {
        this(tokenUrl, true);
    }

    public OAuth2PasswordBearer(String tokenUrl, boolean autoError) {
        this.tokenUrl = tokenUrl;
        this.autoError = autoError;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    @Override
    public String provide(Request request, Void none) {
        String header = request.header("authorization");
        Authorization authorization = Authorization.parse(header);
        if (header == null || header.isEmpty() || !authorization.scheme().equalsIgnoreCase("bearer")) {
            if (autoError) {
                throw NotAuthenticated.error("Bearer");
            }
            return null;
        }
        return authorization.param();
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> password = new LinkedHashMap<>();
        password.put("scopes", Map.of());
        password.put("tokenUrl", tokenUrl);
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "oauth2");
        scheme.put("flows", Map.of("password", password));
        return scheme;
    }
}
