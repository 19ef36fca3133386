package io.ifastapi.middleware;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;

/**
 * Sends every plain-http request to its https twin with a 307 (method and body kept), as Starlette's
 * HTTPSRedirectMiddleware: {@code http://example.com:80/a?b} becomes {@code https://example.com/a?b}, a port other
 * than 80 and 443 is kept. A WebSocket handshake over plain http is answered with a 307 to its {@code wss://} twin,
 * as Starlette does (browsers do not follow it: the socket fails, which is the point).
 *
 * <pre>{@code app.addMiddleware(new HTTPSRedirectMiddleware());}</pre>
 *
 * Behind a TLS-terminating proxy, add {@link ProxyHeadersMiddleware} after this one (so it runs first), or every
 * request looks like http and is redirected forever.
 */
public final class HTTPSRedirectMiddleware implements Middleware {

    /** Never blocks: reads the URL only. */
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
        URL url = request.url();
        if (!"http".equals(url.scheme())) {
            return next.handle(request);
        }
        HostHeader parsed = HostHeader.parse(request.header("host"));
        String hostname;
        int port;
        String netloc;
        if (parsed != null && parsed.validPort()) {
            hostname = parsed.hostname();
            port = parsed.portNumber();
            netloc = parsed.authority();
        } else if (url.host() != null && !url.host().isEmpty()) {
            // no usable Host header: the server's own address, as Starlette falls back to scope["server"]
            hostname = url.host();
            port = url.port();
            String h = hostname.indexOf(':') >= 0 && !hostname.startsWith("[") ? "[" + hostname + "]" : hostname;
            netloc = port < 0 || port == 80 ? h : h + ":" + port;
            hostname = hostname.startsWith("[") ? hostname.substring(1, hostname.length() - 1) : hostname;
        } else {
            return Response.text("Invalid host header", 400);
        }
        String target = port == 80 || port == 443 ? hostname : netloc;
        String query = url.query() == null || url.query().isEmpty() ? "" : "?" + url.query();
        String scheme = request.isWebSocket() ? "wss://" : "https://";
        return Response.redirect(scheme + target + url.path() + query, 307);
    }
}
