package io.ifastapi.http;

/**
 * {@code request.user()} or {@code request.auth()} was called but no AuthenticationMiddleware runs in front of the
 * handler. The message is Starlette's, word for word.
 */
public final class AuthenticationNotInstalledException extends IllegalStateException {
    public static final String MESSAGE = "AuthenticationMiddleware must be installed to access request.user";

    /** The lines that fix it, shown on the debug error page. */
    public static final String FIX = "app.addMiddleware(new AuthenticationMiddleware(new SessionAuthenticationBackend("
            + "id -> users.find(id))));  // added before SessionMiddleware, which must run first";

    public AuthenticationNotInstalledException(String accessed) {
        super(accessed.equals("user") ? MESSAGE
                : "AuthenticationMiddleware must be installed to access request." + accessed);
    }
}
