package io.ifastapi.server.jetty;

import io.ifastapi.server.KeepAliveTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link KeepAliveTest}, against the Jetty adapter. */
class JettyKeepAliveTest extends KeepAliveTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
