package io.ifastapi.server.netty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.ServerProvider;

/** Registers {@link NettyServer} as the default adapter (it wins over Jetty when both are on the class path). */
public final class NettyServerProvider implements ServerProvider {
    /** Above Jetty's: Netty is the default, the faster one in our benchmarks (docs/performance.md). */
    public static final int PRIORITY = 100;

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ServerFactory factory() {
        return NettyServer::start;
    }
}
