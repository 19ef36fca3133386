package io.ifastapi.server.netty;

import io.ifastapi.server.ServerConfigTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link ServerConfigTest}, against the Netty adapter. */
class NettyServerConfigTest extends ServerConfigTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
