package io.ifastapi.server.jetty;

import io.ifastapi.params.DependencyTeardownOverSocketSuite;
import io.ifastapi.server.ServerFactory;

/** The shared {@link DependencyTeardownOverSocketSuite}, against the Jetty adapter. */
class JettyDependencyTeardownTest extends DependencyTeardownOverSocketSuite {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
