package io.ifastapi.server.netty;

import io.ifastapi.server.UriComplianceTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link UriComplianceTest}, against the Netty adapter. */
class NettyUriComplianceTest extends UriComplianceTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
