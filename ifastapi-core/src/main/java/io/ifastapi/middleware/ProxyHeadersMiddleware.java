package io.ifastapi.middleware;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Address;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;

/**
 * Behind a TLS-terminating proxy (nginx, a load balancer), takes the client's scheme and address from the
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-For} headers of trusted proxies, as uvicorn's
 * ProxyHeadersMiddleware does, so that {@code request.url()} is https and {@code request.client()} is the user:
 *
 * <pre>{@code app.addMiddleware(new ProxyHeadersMiddleware(TrustedProxies.of("127.0.0.1")));}</pre>
 *
 * Add it last, so that it runs first.
 */
public final class ProxyHeadersMiddleware implements Middleware {
    private final TrustedProxies proxies;

    public ProxyHeadersMiddleware(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** Never blocks: reads headers only. */
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
        if (proxies.trusts(request.client())) {
            URL url = request.url();
            String scheme = proxies.effectiveScheme(request);
            int port = url.scheme().equals(scheme) ? url.port() : -1;
            Address client = proxies.effectiveClient(request);
            ServerRequest.of(request).rewrite(new URL(scheme, url.host(), port, url.path(), url.query()), client);
        }
        return next.handle(request);
    }
}
