package io.ifastapi.http;

/**
 * {@code request.session()} was called but no SessionMiddleware runs in front of the handler. The message is the
 * one Starlette users know, word for word, so that searching for it finds the fix.
 */
public final class SessionNotInstalledException extends IllegalStateException {
    public static final String MESSAGE = "SessionMiddleware must be installed to access request.session";

    /** The line that fixes it, shown on the debug error page. */
    public static final String FIX = "app.addMiddleware(SessionMiddleware.builder()"
            + ".secretKey(SecretKey.fromEnv(\"SECRET_KEY\")).build());";

    public SessionNotInstalledException() {
        super(MESSAGE);
    }
}
