package io.ifastapi.authentication;

import io.ifastapi.http.User;

/** An authenticated user known by a name only (Starlette's {@code SimpleUser}). */
public record SimpleUser(String username) implements User {
    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public String displayName() {
        return username;
    }

    @Override
    public String identity() {
        return username;
    }
}
