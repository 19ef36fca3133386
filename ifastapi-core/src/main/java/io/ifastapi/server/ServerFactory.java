package io.ifastapi.server;

import io.ifastapi.http.Handler;

/**
 * Starts a server adapter: {@code NettyServer::start} (the default), or another adapter's {@code start} method with
 * the same contract, chosen with {@code app.server(...)}. The core carries only the Netty adapter (the faster one in
 * our benchmarks, see docs/performance.md), so this is how an adapter in another module (Jetty) plugs in without
 * reflection or system properties.
 */
@FunctionalInterface
public interface ServerFactory {
    /**
     * Starts serving {@code app} as {@code config} says; {@code afterStop} runs once when the server has stopped (the
     * app's shutdown hooks).
     *
     * @throws IllegalStateException when the server cannot listen, e.g. because the port is in use
     */
    Server start(Handler app, ServerConfig config, Runnable afterStop);
}
