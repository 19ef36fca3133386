package io.ifastapi.server.netty;

import io.ifastapi.http.Handler;
import io.ifastapi.server.RequestThreads;
import io.ifastapi.server.ServerConfig;

import java.util.concurrent.ThreadFactory;

/**
 * What every connection of one server shares: the app, the config, the virtual threads requests run on, the cached
 * Date header, the in-flight count and whether the server is shutting down.
 */
final class ServerContext {
    private final Handler app;
    private final ServerConfig config;
    private final ThreadFactory requestThreads = RequestThreads.factory();
    private final HttpDate date = new HttpDate();
    private final InFlightRequests inFlight = new InFlightRequests();
    private volatile boolean draining;

    ServerContext(Handler app, ServerConfig config) {
        this.app = app;
        this.config = config;
    }

    /** "https" or "http", for request URLs. */
    String scheme() {
        return config.scheme();
    }

    Handler app() {
        return app;
    }

    ServerConfig config() {
        return config;
    }

    HttpDate date() {
        return date;
    }

    InFlightRequests inFlight() {
        return inFlight;
    }

    /** Runs a request on a virtual thread of its own. */
    void dispatch(Runnable request) {
        requestThreads.newThread(request).start();
    }

    /** From now on, new requests get 503 and responses close their connection. */
    void drain() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }
}
