package io.ifastapi.routing;

import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.websockets.CloseCodes;
import io.ifastapi.websockets.WebSocket;
import io.ifastapi.websockets.WebSocketDisconnect;
import io.ifastapi.websockets.WebSocketEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A WebSocket route ({@code app.websocket("/ws", ws -> ...)}, Starlette's {@code WebSocketRoute}): it matches only
 * WebSocket handshakes, as HTTP routes match only HTTP requests. The handler runs inside the middleware stack for
 * the whole life of the connection, on its virtual thread, so {@code next.handle} of a WebSocket-aware middleware
 * returns once the socket has ended.
 *
 * <p>What the handshake's client gets: the 101 once the handler accepts; HTTP 403 if the handler closes (or
 * returns) without accepting, as uvicorn answers; the error response if it throws before accepting (an
 * HTTPException's status, else 500). After the accept, a handler's exception closes the socket with 1011 and is
 * logged; a {@link WebSocketDisconnect} is the normal end; returning closes with 1000 if the handler did not close.
 */
public final class WebSocketRoute implements RouteEntry {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoute.class);

    private final PathTemplate template;
    private final WebSocketEndpoint endpoint;
    private volatile String name;

    WebSocketRoute(PathTemplate template, WebSocketEndpoint endpoint) {
        this.template = template;
        this.endpoint = endpoint;
    }

    /** A name to find the route by with url building ({@code request.urlFor(name)}). */
    public WebSocketRoute name(String name) {
        this.name = name;
        return this;
    }

    public String name() {
        return name;
    }

    public PathTemplate template() {
        return template;
    }

    public WebSocketEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, Object> matchPath(String path) {
        return template.match(path);
    }

    @Override
    public boolean acceptsMethod(String method) {
        return "GET".equals(method);
    }

    @Override
    public Response handle(Request request, Map<String, Object> params) throws Exception {
        return run(endpoint, request, params);
    }

    static Response run(WebSocketEndpoint endpoint, Request request, Map<String, Object> params) throws Exception {
        ServerRequest.of(request).pathParams(params);
        WebSocket websocket = new WebSocket(request);
        try {
            endpoint.handle(websocket);
        } catch (WebSocketDisconnect gone) {
            if (!websocket.accepted()) {
                return refused();
            }
        } catch (Exception e) {
            if (!websocket.accepted()) {
                throw e; // the handshake's HTTP answer: the exception handlers' response, or a 500
            }
            LOG.error("WebSocket handler failed for {}; closing with 1011", websocket, e);
            websocket.close(CloseCodes.INTERNAL_ERROR, "");
            return switched();
        }
        if (!websocket.accepted()) {
            return refused();
        }
        websocket.close(CloseCodes.NORMAL_CLOSURE, "");
        return switched();
    }

    /** Closed before accept: uvicorn answers the handshake with 403 and no body. */
    private static Response refused() {
        return Response.empty(403);
    }

    /** What the stack returns for an accepted WebSocket: a marker that nothing is left to send over HTTP. */
    private static Response switched() {
        return Response.empty(101);
    }

    @Override
    public String toString() {
        return "WebSocketRoute " + template.template();
    }
}
