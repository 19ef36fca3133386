package io.ifastapi.server.netty;

import io.ifastapi.params.DependencyTeardownOverSocketSuite;
import io.ifastapi.server.ServerFactory;

/** The shared {@link DependencyTeardownOverSocketSuite}, against the Netty adapter. */
class NettyDependencyTeardownTest extends DependencyTeardownOverSocketSuite {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
