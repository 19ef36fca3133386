package io.ifastapi.server.netty;

import io.ifastapi.server.PipeliningTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link PipeliningTest}, against the Netty adapter. */
class NettyPipeliningTest extends PipeliningTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
