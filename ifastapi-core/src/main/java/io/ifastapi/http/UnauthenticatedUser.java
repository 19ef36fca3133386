package io.ifastapi.http;

/** Nobody logged in: what {@link Request#user()} returns when the authentication backend found no user. */
public final class UnauthenticatedUser implements User {
    public static final UnauthenticatedUser INSTANCE = new UnauthenticatedUser();

    private UnauthenticatedUser() {
    }

    @Override
    public boolean isAuthenticated() {
        return false;
    }

    @Override
    public String displayName() {
        return "";
    }

    @Override
    public String identity() {
        return "";
    }

    @Override
    public String toString() {
        return "UnauthenticatedUser";
    }
}
