package io.ifastapi.server.jetty;

import io.ifastapi.server.GracefulShutdownTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link GracefulShutdownTest}, against the Jetty adapter. */
class JettyGracefulShutdownTest extends GracefulShutdownTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
