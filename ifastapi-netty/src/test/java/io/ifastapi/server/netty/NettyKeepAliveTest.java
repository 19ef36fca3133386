package io.ifastapi.server.netty;

import io.ifastapi.server.KeepAliveTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link KeepAliveTest}, against the Netty adapter. */
class NettyKeepAliveTest extends KeepAliveTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
