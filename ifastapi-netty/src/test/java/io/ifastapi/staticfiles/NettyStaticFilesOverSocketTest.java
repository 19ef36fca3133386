package io.ifastapi.staticfiles;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** The shared {@link StaticFilesOverSocketTest}, served by the Netty adapter. */
class NettyStaticFilesOverSocketTest extends StaticFilesOverSocketTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
