package io.ifastapi.authentication;

import io.ifastapi.http.AuthCredentials;
import io.ifastapi.http.User;

import java.util.Objects;

/** What a backend found: the scopes granted and the user (Starlette's {@code (AuthCredentials, BaseUser)} pair). */
public record AuthResult(AuthCredentials credentials, User user) {
    public AuthResult {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(user, "user");
    }
}
