package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.SlowClientTest;

/** The shared {@link SlowClientTest}, against the Jetty adapter. */
class JettySlowClientTest extends SlowClientTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
