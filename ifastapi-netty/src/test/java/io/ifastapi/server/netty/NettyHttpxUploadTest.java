package io.ifastapi.server.netty;

import io.ifastapi.server.HttpxUploadTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link HttpxUploadTest}, against the Netty adapter. */
class NettyHttpxUploadTest extends HttpxUploadTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
