package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.ServerProvider;

/** Registers {@link JettyServer}: the adapter of apps that have it alone on the class path (Netty wins otherwise). */
public final class JettyServerProvider implements ServerProvider {
    public static final int PRIORITY = 50;

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ServerFactory factory() {
        return JettyServer::start;
    }
}
