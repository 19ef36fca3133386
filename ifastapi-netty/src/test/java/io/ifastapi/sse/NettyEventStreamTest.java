package io.ifastapi.sse;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** {@link EventStreamSuite} on the Netty adapter. */
class NettyEventStreamTest extends EventStreamSuite {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
