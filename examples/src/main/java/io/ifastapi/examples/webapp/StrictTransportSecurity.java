package io.ifastapi.examples.webapp;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.Map;

/**
 * HSTS (RFC 6797): tells the browser to reach this host over https only, for {@code max-age} seconds. Opt-in, with
 * HSTS_MAX_AGE, because a browser that has seen it refuses plain http to the host until it expires: turning it on
 * for a host that must still serve http (or for localhost, shared by every app on the machine) locks users out.
 * Sent on https responses only: over http it could be forged by anyone on the path, so browsers ignore it there.
 */
public final class StrictTransportSecurity implements Middleware {
    private final String value;

    private StrictTransportSecurity(long maxAgeSeconds) {
        this.value = "max-age=" + maxAgeSeconds;
    }

    /**
     * The middleware HSTS_MAX_AGE asks for, or null when it is unset.
     *
     * @throws IllegalArgumentException when it is not a number of seconds, or set without HTTPS (SSL_CERTFILE)
     */
    public static StrictTransportSecurity fromEnvironment(Map<String, String> env) {
        String maxAge = env.get("HSTS_MAX_AGE");
        if (maxAge == null || maxAge.isBlank()) {
            return null;
        }
        String cert = env.get("SSL_CERTFILE");
        if (cert == null || cert.isBlank()) {
            throw new IllegalArgumentException("HSTS_MAX_AGE is set but the app is not served over HTTPS: set "
                    + "SSL_CERTFILE and SSL_KEYFILE, or unset HSTS_MAX_AGE (browsers ignore HSTS over plain http)");
        }
        try {
            long seconds = Long.parseLong(maxAge.trim());
            if (seconds >= 0) {
                return new StrictTransportSecurity(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // the message below
        }
        throw new IllegalArgumentException("HSTS_MAX_AGE must be a whole number of seconds, 0 or more (0 makes the "
                + "browser forget the policy); got '" + maxAge + "'. A year is 31536000.");
    }

    /** The header's value, e.g. {@code max-age=31536000}. */
    public String value() {
        return value;
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        Response response = next.handle(request);
        if ("https".equals(request.url().scheme())) {
            response.header("strict-transport-security", value);
        }
        return response;
    }

    /** Only sets a header. */
    @Override
    public boolean nonBlocking() {
        return true;
    }
}
