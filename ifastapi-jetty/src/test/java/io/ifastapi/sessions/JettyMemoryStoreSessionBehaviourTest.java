package io.ifastapi.sessions;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** The shared {@link MemoryStoreSessionBehaviourTest}, its concurrency tests served by the Jetty adapter. */
class JettyMemoryStoreSessionBehaviourTest extends MemoryStoreSessionBehaviourTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
