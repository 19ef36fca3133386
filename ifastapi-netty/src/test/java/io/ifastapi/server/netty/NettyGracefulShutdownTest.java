package io.ifastapi.server.netty;

import io.ifastapi.server.GracefulShutdownTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link GracefulShutdownTest}, against the Netty adapter. */
class NettyGracefulShutdownTest extends GracefulShutdownTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
