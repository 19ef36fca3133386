package io.ifastapi.staticfiles;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** The shared {@link StaticFilesOverSocketTest}, served by the Jetty adapter. */
class JettyStaticFilesOverSocketTest extends StaticFilesOverSocketTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
