package io.ifastapi.http;

/**
 * The user a request is made by ({@link Request#user()}), as AuthenticationMiddleware found it: your own user type,
 * or {@link UnauthenticatedUser} when nobody is logged in (Starlette's {@code BaseUser}).
 */
public interface User {

    /** True for a logged-in user, false for {@link UnauthenticatedUser}. */
    boolean isAuthenticated();

    /** A name to show ("Signed in as ..."). */
    String displayName();

    /** What identifies the user (the id kept in the session, say). */
    String identity();
}
