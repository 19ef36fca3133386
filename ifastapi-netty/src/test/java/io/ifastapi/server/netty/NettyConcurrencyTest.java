package io.ifastapi.server.netty;

import io.ifastapi.server.ConcurrencyTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link ConcurrencyTest}, against the Netty adapter. */
class NettyConcurrencyTest extends ConcurrencyTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
