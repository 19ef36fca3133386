package io.ifastapi.server.jetty;

import io.ifastapi.server.PipeliningTest;
import io.ifastapi.server.ServerFactory;

/** The shared {@link PipeliningTest}, against the Jetty adapter. */
class JettyPipeliningTest extends PipeliningTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
