package io.ifastapi.sessions;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.netty.NettyServer;

/** The shared {@link MemoryStoreSessionBehaviourTest}, its concurrency tests served by the Netty adapter. */
class NettyMemoryStoreSessionBehaviourTest extends MemoryStoreSessionBehaviourTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
