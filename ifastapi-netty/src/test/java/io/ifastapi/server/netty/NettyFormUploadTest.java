package io.ifastapi.server.netty;

import io.ifastapi.server.FormUploadTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link FormUploadTest}, against the Netty adapter. */
class NettyFormUploadTest extends FormUploadTest {
    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }
}
