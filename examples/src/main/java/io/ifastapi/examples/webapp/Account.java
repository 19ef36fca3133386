package io.ifastapi.examples.webapp;

import io.ifastapi.http.User;

import java.util.Set;

/** A user of the login app: what request.user() returns once logged in. */
public record Account(String username, String fullName, String email, Set<String> roles) implements User {
    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public String displayName() {
        return fullName;
    }

    @Override
    public String identity() {
        return username;
    }
}
