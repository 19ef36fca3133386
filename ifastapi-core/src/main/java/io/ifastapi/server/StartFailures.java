package io.ifastapi.server;

import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/**
 * What every adapter says when it cannot listen: the same helpful message (which environment variable or call to
 * change) whatever the server library, so users see one wording for a port in use.
 */
public final class StartFailures {
    private StartFailures() {
    }

    /** The exception to throw for a failed start; {@code e} is the server library's failure, kept as the cause. */
    public static IllegalStateException describe(ServerConfig config, Throwable e) {
        String where = config.host() + ":" + config.port();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String reason = String.valueOf(cause.getMessage());
            // Native transports (Netty's epoll) report bind errors as plain IOExceptions: recognise them by message.
            if (cause instanceof IOException && reason.toLowerCase(Locale.ROOT).contains("in use")) {
                return new IllegalStateException("Port " + config.port() + " is already in use on "
                        + config.host() + ": another process is listening there. Stop it, or choose another "
                        + "port: set the PORT environment variable (e.g. PORT=8001), call app.run(host, port), "
                        + "or use port 0 for any free port.", e);
            }
            if (cause instanceof BindException) {
                return new IllegalStateException("Cannot listen on " + where + " (" + reason + "). Check HOST: "
                        + "127.0.0.1 serves this machine only, 0.0.0.0 every interface; ports below 1024 need "
                        + "privileges.", e);
            }
        }
        return new IllegalStateException("Could not start the server on " + where + ": " + e, e);
    }
}
