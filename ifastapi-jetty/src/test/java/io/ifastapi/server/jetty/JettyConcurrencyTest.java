package io.ifastapi.server.jetty;

import io.ifastapi.server.ConcurrencyTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link ConcurrencyTest}, against the Jetty adapter. */
class JettyConcurrencyTest extends ConcurrencyTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
