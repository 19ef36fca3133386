package io.ifastapi.server.netty;

import io.ifastapi.server.RequestMappingTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link RequestMappingTest}, against the Netty adapter. */
class NettyRequestMappingTest extends RequestMappingTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
