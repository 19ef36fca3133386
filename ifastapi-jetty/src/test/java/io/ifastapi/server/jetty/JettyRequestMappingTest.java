package io.ifastapi.server.jetty;

import io.ifastapi.server.RequestMappingTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link RequestMappingTest}, against the Jetty adapter. */
class JettyRequestMappingTest extends RequestMappingTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
