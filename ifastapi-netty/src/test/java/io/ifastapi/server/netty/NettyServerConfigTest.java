package io.ifastapi.server.netty;

import io.ifastapi.server.ServerConfigTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link ServerConfigTest} (the port-in-use message above all), against the Netty adapter. */
class NettyServerConfigTest extends ServerConfigTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
