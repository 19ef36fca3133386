package io.ifastapi.server.netty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.SlowClientTest;

/** The shared {@link SlowClientTest}, against the Netty adapter. */
class NettySlowClientTest extends SlowClientTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
