package io.ifastapi.security;

import io.ifastapi.dependencies.Dependency;
import io.ifastapi.http.Request;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP Basic authentication (FastAPI's {@code HTTPBasic}): provides the {@link HTTPBasicCredentials} of an
 * {@code Authorization: Basic base64(user:password)} header, unchecked (the route compares them, ideally in constant
 * time). No header, another scheme, bad base64, non-ASCII or no colon: 401 {@code {"detail":"Not authenticated"}}
 * with {@code WWW-Authenticate: Basic} (plus {@code realm="..."} when given). With {@code autoError} false an absent
 * or foreign header provides null instead.
 */
public class HTTPBasic implements Dependency<Void, HTTPBasicCredentials>, SecurityScheme {
    private final String realm;
    private final boolean autoError;
    private final String challenge;

    public HTTPBasic() {
        this(null, true);
    }

    public HTTPBasic(String realm, boolean autoError) {
        this.realm = realm;
        this.autoError = autoError;
        this.challenge = realm == null ? "Basic" : "Basic realm=\"" + realm + "\"";
    }

    @Override
    public HTTPBasicCredentials provide(Request request, Void none) {
        String header = request.header("authorization");
        Authorization authorization = Authorization.parse(header);
        if (header == null || header.isEmpty() || !authorization.scheme().equalsIgnoreCase("basic")) {
            if (autoError) {
                throw NotAuthenticated.error(challenge);
            }
            return null;
        }
        String data;
        try {
            // Python's b64decode skips characters outside the alphabet, as the MIME decoder does.
            byte[] bytes = Base64.getMimeDecoder().decode(authorization.param());
            data = StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw NotAuthenticated.error(challenge);
        }
        int colon = data.indexOf(':');
        if (colon < 0) {
            throw NotAuthenticated.error(challenge);
        }
        return new HTTPBasicCredentials(data.substring(0, colon), data.substring(colon + 1));
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "http");
        scheme.put("scheme", "basic");
        return scheme;
    }

    public String realm() {
        return realm;
    }
}
