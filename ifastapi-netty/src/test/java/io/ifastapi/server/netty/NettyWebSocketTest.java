package io.ifastapi.server.netty;

import io.ifastapi.server.ServerFactory;
import io.ifastapi.websockets.WebSocketServerSuite;

/** The WebSocket suite over real sockets, served by the Netty adapter. */
class NettyWebSocketTest extends WebSocketServerSuite {
    @Override
    protected ServerFactory factory() {
        return NettyServer::start;
    }
}
