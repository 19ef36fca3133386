package io.ifastapi.server.jetty;

import io.ifastapi.server.ResponseMappingTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link ResponseMappingTest}, against the Jetty adapter. */
class JettyResponseMappingTest extends ResponseMappingTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
