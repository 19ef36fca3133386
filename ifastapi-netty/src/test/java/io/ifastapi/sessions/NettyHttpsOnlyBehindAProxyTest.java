package io.ifastapi.sessions;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** The shared {@link HttpsOnlyBehindAProxyTest}, its real-socket test served by the Netty adapter. */
class NettyHttpsOnlyBehindAProxyTest extends HttpsOnlyBehindAProxyTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
