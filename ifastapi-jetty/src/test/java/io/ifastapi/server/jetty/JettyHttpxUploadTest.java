package io.ifastapi.server.jetty;

import io.ifastapi.server.HttpxUploadTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link HttpxUploadTest}, against the Jetty adapter. */
class JettyHttpxUploadTest extends HttpxUploadTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
