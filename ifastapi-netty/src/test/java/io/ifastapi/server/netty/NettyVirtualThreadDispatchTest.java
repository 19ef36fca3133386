package io.ifastapi.server.netty;

import io.ifastapi.server.VirtualThreadDispatchTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link VirtualThreadDispatchTest}, against the Netty adapter. */
class NettyVirtualThreadDispatchTest extends VirtualThreadDispatchTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
