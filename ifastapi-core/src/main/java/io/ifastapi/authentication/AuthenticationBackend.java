package io.ifastapi.authentication;

import io.ifastapi.http.Request;

import java.util.Optional;

/**
 * Finds who makes a request (Starlette's {@code AuthenticationBackend}): from the session
 * ({@link SessionAuthenticationBackend}), a header, a client certificate... Called by {@link AuthenticationMiddleware}
 * once per request.
 */
@FunctionalInterface
public interface AuthenticationBackend {

    /**
     * The request's user and scopes, or empty when it carries no credentials (the request then goes on as
     * unauthenticated). Throw {@link AuthenticationException} for credentials that are present but wrong: the
     * request is answered 400 with its message (or as the middleware's {@code onError} says).
     */
    Optional<AuthResult> authenticate(Request request) throws AuthenticationException;
}
