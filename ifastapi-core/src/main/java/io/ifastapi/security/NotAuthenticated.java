package io.ifastapi.security;

import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Headers;

/** FastAPI's answer when a security helper finds no usable credentials: 401 "Not authenticated" with a challenge. */
final class NotAuthenticated {
    private NotAuthenticated() {
    }

    static HTTPException error(String challenge) {
        return new HTTPException(401, "Not authenticated", Headers.of("WWW-Authenticate", challenge));
    }
}
