package io.ifastapi.server.jetty;

import io.ifastapi.server.UriComplianceTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link UriComplianceTest}, against the Jetty adapter. */
class JettyUriComplianceTest extends UriComplianceTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
