package io.ifastapi.internal;

import io.ifastapi.http.Address;
import io.ifastapi.http.App;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.URL;
import io.ifastapi.http.Session;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The request as server adapters, TestClient, the router and middleware see it: a {@link Request} plus the calls
 * that only the framework may make (claiming it for an app, mounting, path parameters, the session loader, the
 * origin a proxy reports). Not public API: user code gets a {@link Request}.
 */
public final class ServerRequest extends Request {
    private WebSocketChannel webSocket;

    /**
     * @param method     the HTTP method, upper case
     * @param url        scheme, host, port and the raw (percent-encoded) path and query
     * @param headers    as received
     * @param client     the peer's address, or null when unknown
     * @param bodyStream the body; null for none
     */
    public ServerRequest(String method, URL url, Headers headers, Address client, InputStream bodyStream) {
        super(method, url, headers, client, bodyStream);
    }

    /** Every request the framework handles is a ServerRequest: adapters and TestClient make nothing else. */
    public static ServerRequest of(Request request) {
        return (ServerRequest) request;
    }

    /** Makes {@code app} the app handling this request; returns the previous one, to restore on the way out. */
    public App claim(App app) {
        return claimedBy(app);
    }

    /** Gives the request back to the app that handled it before {@link #claim}. */
    public void release(App previous) {
        claimedBy(previous);
    }

    /** For the router: the converted parameters of the matched route. */
    public void pathParams(Map<String, Object> params) {
        pathParamsOfRoute(params);
    }

    /** For mounts: the prefix of the app this request is being handed to. */
    public void rootPath(String rootPath) {
        mountedAt(rootPath);
    }

    /**
     * For SessionMiddleware: what loads the session on first use. The load is deferred so that a handler that never
     * touches the session costs no cookie check and no store round trip. {@code null} detaches it.
     */
    public void attachSession(Supplier<Session> loader) {
        sessionLoader(loader);
    }

    /**
     * Runs {@code resource.close()} once the response has been sent, also when the handler failed: uploads' temporary
     * files, dependencies' teardown. Last registered, first closed; a failure is logged and the others still run.
     */
    public void afterResponse(AutoCloseable resource) {
        whenDone(resource);
    }

    /**
     * For server adapters and TestClient, once the response is written (or abandoned): runs what
     * {@link #afterResponse} registered. Idempotent; what is registered later is closed at once.
     */
    public void complete() {
        done();
    }

    /** For proxy-header middleware: the scheme, host and client address the proxy reports. */
    public void rewrite(URL newUrl, Address newClient) {
        origin(newUrl, newClient);
    }

    /**
     * For server adapters and TestClient, before the app runs: this request is a WebSocket handshake, and
     * {@code channel} is the connection the app's WebSocket drives.
     */
    public void webSocket(WebSocketChannel channel) {
        this.webSocket = channel;
        webSocketHandshake();
    }

    /** The connection of a WebSocket handshake ({@link #webSocket(WebSocketChannel)}), or null. */
    public WebSocketChannel webSocketChannel() {
        return webSocket;
    }
}
