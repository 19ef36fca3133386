package io.ifastapi.middleware;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;

import java.util.Arrays;
import java.util.List;

/**
 * Refuses requests whose {@code Host} header names a host the app does not serve (Host header attacks: poisoned
 * password-reset links, cache poisoning), as Starlette's TrustedHostMiddleware:
 *
 * <pre>{@code
 * app.addMiddleware(TrustedHostMiddleware.builder()
 *         .allowedHosts("example.com", "*.example.com")
 *         .build());
 * }</pre>
 *
 * A missing, malformed or unknown host gets a 400 {@code Invalid host header}. {@code *.example.com} allows every
 * subdomain (not {@code example.com} itself), {@code *} allows any host. With {@code www.example.com} allowed, a
 * request to {@code example.com} is redirected (307) to {@code www.example.com} unless {@code wwwRedirect(false)}.
 */
public final class TrustedHostMiddleware implements Middleware {
    static final String ENFORCE_DOMAIN_WILDCARD = "Domain wildcard patterns must be like '*.example.com'.";

    private final List<String> allowedHosts;
    private final boolean allowAny;
    private final boolean wwwRedirect;

    private TrustedHostMiddleware(List<String> allowedHosts, boolean wwwRedirect) {
        this.allowedHosts = List.copyOf(allowedHosts);
        this.allowAny = allowedHosts.contains("*");
        this.wwwRedirect = wwwRedirect;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The hosts as given (Starlette's {@code allowed_hosts}); {@code ["*"]} by default. */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** Never blocks: reads the Host header only. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    /** WebSocket handshakes too, as in Starlette (a refusal is the handshake's HTTP answer). */
    @Override
    public boolean handlesWebSockets() {
        return true;
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        if (allowAny) {
            return next.handle(request);
        }
        HostHeader parsed = HostHeader.parse(request.header("host"));
        if (parsed == null) {
            return Response.text("Invalid host header", 400);
        }
        String host = parsed.host();
        boolean valid = false;
        boolean foundWwwRedirect = false;
        for (String pattern : allowedHosts) {
            if (host.equals(pattern) || (pattern.startsWith("*") && host.endsWith(pattern.substring(1)))) {
                valid = true;
                break;
            } else if (("www." + host).equals(pattern)) {
                foundWwwRedirect = true;
            }
        }
        if (valid) {
            return next.handle(request);
        }
        if (foundWwwRedirect && wwwRedirect) {
            URL url = request.url();
            String netloc = parsed.validPort() ? parsed.authority() : url.origin().substring(url.scheme().length() + 3);
            String query = url.query() == null || url.query().isEmpty() ? "" : "?" + url.query();
            return Response.redirect(url.scheme() + "://www." + netloc + url.path() + query);
        }
        return Response.text("Invalid host header", 400);
    }

    /** TrustedHostMiddleware's options, with Starlette's defaults. */
    public static final class Builder {
        private List<String> allowedHosts = List.of("*");
        private boolean wwwRedirect = true;

        private Builder() {
        }

        /** Host names served: exact ({@code example.com}), a subdomain wildcard ({@code *.example.com}) or {@code *}. */
        public Builder allowedHosts(String... hosts) {
            return allowedHosts(Arrays.asList(hosts));
        }

        public Builder allowedHosts(List<String> hosts) {
            this.allowedHosts = hosts;
            return this;
        }

        /** Redirect {@code example.com} to an allowed {@code www.example.com}. Default true. */
        public Builder wwwRedirect(boolean redirect) {
            this.wwwRedirect = redirect;
            return this;
        }

        /** Fails on a wildcard anywhere but a leading {@code *.}, which would match more hosts than meant. */
        public TrustedHostMiddleware build() {
            if (allowedHosts == null || allowedHosts.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("TrustedHostMiddleware.allowedHosts must list host names, got "
                        + allowedHosts);
            }
            for (String pattern : allowedHosts) {
                boolean badWildcard = pattern.length() > 1 && pattern.substring(1).contains("*")
                        || pattern.startsWith("*") && !pattern.equals("*") && !pattern.startsWith("*.");
                if (badWildcard) {
                    throw new IllegalArgumentException(ENFORCE_DOMAIN_WILDCARD + " Got '" + pattern + "'.");
                }
            }
            return new TrustedHostMiddleware(allowedHosts, wwwRedirect);
        }
    }
}
