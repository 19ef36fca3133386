package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.websockets.WebSocketServerSuite;

/** The WebSocket suite over TLS (wss://, the test certificate), served by the Jetty adapter. */
class JettySecureWebSocketTest extends WebSocketServerSuite {
    @Override
    protected ServerFactory factory() {
        return JettyServer::start;
    }

    @Override
    protected boolean secure() {
        return true;
    }
}
