package io.ifastapi.server.netty;

import io.ifastapi.server.MalformedRequestTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link MalformedRequestTest}, against the Netty adapter. */
class NettyMalformedRequestTest extends MalformedRequestTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
