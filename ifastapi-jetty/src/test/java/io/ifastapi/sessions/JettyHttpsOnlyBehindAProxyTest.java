package io.ifastapi.sessions;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** The shared {@link HttpsOnlyBehindAProxyTest}, its real-socket test served by the Jetty adapter. */
class JettyHttpsOnlyBehindAProxyTest extends HttpsOnlyBehindAProxyTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
