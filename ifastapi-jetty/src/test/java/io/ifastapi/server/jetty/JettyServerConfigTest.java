package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerConfigTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link ServerConfigTest} (the port-in-use message above all), against the Jetty adapter. */
class JettyServerConfigTest extends ServerConfigTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
