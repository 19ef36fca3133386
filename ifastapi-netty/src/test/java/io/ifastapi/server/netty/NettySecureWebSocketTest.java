package io.ifastapi.server.netty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.websockets.WebSocketServerSuite;

/** The WebSocket suite over TLS (wss://, the test certificate), served by the Netty adapter. */
class NettySecureWebSocketTest extends WebSocketServerSuite {
    @Override
    protected ServerFactory factory() {
        return NettyServer::start;
    }

    @Override
    protected boolean secure() {
        return true;
    }
}
