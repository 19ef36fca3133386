package io.ifastapi.server.jetty;

import io.ifastapi.server.FormUploadTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link FormUploadTest}, against the Jetty adapter. */
class JettyFormUploadTest extends FormUploadTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
