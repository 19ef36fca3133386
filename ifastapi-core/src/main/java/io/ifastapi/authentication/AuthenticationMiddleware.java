package io.ifastapi.authentication;

import io.ifastapi.http.AuthCredentials;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.UnauthenticatedUser;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Starlette's {@code AuthenticationMiddleware}: asks a backend who makes each request and makes the answer
 * {@code request.user()} (an {@link UnauthenticatedUser} when nobody) and {@code request.auth()} (the scopes).
 * Routes then check scopes with {@link Requires}.
 *
 * <pre>{@code
 * app.addMiddleware(new AuthenticationMiddleware(new SessionAuthenticationBackend(users::find)));
 * app.addMiddleware(SessionMiddleware.builder().secretKey(key).build());   // added after: runs first
 * }</pre>
 */
public final class AuthenticationMiddleware implements Middleware {
    private final AuthenticationBackend backend;
    private final BiFunction<Request, AuthenticationException, Response> onError;

    public AuthenticationMiddleware(AuthenticationBackend backend) {
        this(backend, (request, error) -> Response.text(error.getMessage(), 400));
    }

    /** @param onError the answer to credentials the backend refused (Starlette's {@code on_error}; default: 400 text) */
    public AuthenticationMiddleware(AuthenticationBackend backend,
                                    BiFunction<Request, AuthenticationException, Response> onError) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        Optional<AuthResult> result;
        try {
            result = backend.authenticate(request);
        } catch (AuthenticationException refused) {
            return onError.apply(request, refused);
        }
        request.state()
                .set(Request.USER_STATE, result.map(AuthResult::user).orElse(UnauthenticatedUser.INSTANCE))
                .set(Request.AUTH_STATE, result.map(AuthResult::credentials).orElse(AuthCredentials.NONE));
        return next.handle(request);
    }
}
