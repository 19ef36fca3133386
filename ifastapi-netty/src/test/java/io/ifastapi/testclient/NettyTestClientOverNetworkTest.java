package io.ifastapi.testclient;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** The shared {@link TestClientOverNetworkTest}, against the Netty adapter. */
class NettyTestClientOverNetworkTest extends TestClientOverNetworkTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
