package io.ifastapi.server.netty;

import io.ifastapi.server.ResponseMappingTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link ResponseMappingTest}, against the Netty adapter. */
class NettyResponseMappingTest extends ResponseMappingTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
