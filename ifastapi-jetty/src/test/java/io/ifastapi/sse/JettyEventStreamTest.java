package io.ifastapi.sse;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.jetty.JettyServer;

/** {@link EventStreamSuite} on the Jetty adapter. */
class JettyEventStreamTest extends EventStreamSuite {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
