package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.websockets.WebSocketServerSuite;

/** The WebSocket suite over real sockets, served by the Jetty adapter. */
class JettyWebSocketTest extends WebSocketServerSuite {
    @Override
    protected ServerFactory factory() {
        return JettyServer::start;
    }
}
