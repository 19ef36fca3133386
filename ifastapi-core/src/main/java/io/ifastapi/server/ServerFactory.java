package io.ifastapi.server;

import io.ifastapi.http.Handler;

/**
 * Starts a server adapter: {@code NettyServer::start}, {@code JettyServer::start}, or any method with the same
 * contract. Apps find theirs on the class path ({@link ServerProvider}) unless one is given with
 * {@code app.server(...)}: a plain function, so no reflection or system property is needed to choose.
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
