package io.ifastapi.server.netty;

import io.ifastapi.http.App;
import io.ifastapi.http.Handler;
import io.ifastapi.http.NonBlockingRoutes;
import io.ifastapi.server.RequestThreads;
import io.ifastapi.server.ServerConfig;

import java.util.concurrent.ThreadFactory;

/**
 * What every connection of one server shares: the app, the config, the virtual threads requests run on, the cached
 * Date header, the in-flight count and whether the server is shutting down; and where each request runs.
 */
final class ServerContext {
    private final Handler app;
    private final ServerConfig config;
    private final ThreadFactory requestThreads = RequestThreads.factory();
    private final HttpDate date = new HttpDate();
    private final InFlightRequests inFlight = new InFlightRequests();
    /** The app's answer to "may this request run on the event loop?"; null when no request may. */
    private final NonBlockingRoutes nonBlocking;
    /** Debug mode with non-blocking routes: warns when one holds its event loop too long; else null. */
    private final BlockedLoopChecker checker;
    private final OpenWebSockets webSockets = new OpenWebSockets();
    private volatile boolean draining;

    ServerContext(Handler app, ServerConfig config) {
        this.app = app;
        this.config = config;
        this.nonBlocking = app instanceof NonBlockingRoutes routes && routes.hasNonBlockingRoutes() ? routes : null;
        this.checker = nonBlocking != null && app instanceof App a && a.isDebug()
                ? new BlockedLoopChecker(BlockedLoopChecker.configuredLimitMillis()) : null;
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

    OpenWebSockets webSockets() {
        return webSockets;
    }

    /**
     * Event loop: runs a request whose head (and body, if any, so far) has been decoded. A request of a non-blocking
     * route ({@code Route.nonBlocking()}) whose body has fully arrived runs right here, middleware and handler, as
     * FastAPI runs {@code async def} endpoints on its loop: no hand-off to a virtual thread and back. Every other
     * request runs on a virtual thread of its own, where it may block.
     */
    void dispatch(Exchange exchange) {
        if (nonBlocking != null && exchange.mayRunOnLoop(nonBlocking)) {
            if (checker == null) {
                exchange.runOnLoop();
            } else {
                checker.enter(exchange.toString());
                try {
                    exchange.runOnLoop();
                } finally {
                    checker.exit();
                }
            }
            return;
        }
        dispatch((Runnable) exchange);
    }

    /** Runs a task on a virtual thread of its own. */
    void dispatch(Runnable task) {
        requestThreads.newThread(task).start();
    }

    /** The server has stopped. */
    void close() {
        if (checker != null) {
            checker.stop();
        }
    }

    /** From now on, new requests get 503 and responses close their connection. */
    void drain() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }
}
