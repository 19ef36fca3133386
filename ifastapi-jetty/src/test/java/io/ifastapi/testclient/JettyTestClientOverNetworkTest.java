package io.ifastapi.testclient;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** The shared {@link TestClientOverNetworkTest}, against the Jetty adapter. */
class JettyTestClientOverNetworkTest extends TestClientOverNetworkTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
