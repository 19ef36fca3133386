package io.ifastapi.server.jetty;

import io.ifastapi.server.VirtualThreadDispatchTest;
import io.ifastapi.server.ServerFactory;

/** The core's {@link VirtualThreadDispatchTest}, against the Jetty adapter. */
class JettyVirtualThreadDispatchTest extends VirtualThreadDispatchTest {
    @Override
    protected ServerFactory serverFactory() {
        return JettyServer::start;
    }
}
