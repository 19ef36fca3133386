package io.ifastapi.server.netty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The server's accepted WebSockets, so that a shutdown can close each with 1001 (going away). */
final class OpenWebSockets {
    private final Set<NettyWebSocket> open = ConcurrentHashMap.newKeySet();

    void add(NettyWebSocket socket) {
        open.add(socket);
    }

    void remove(NettyWebSocket socket) {
        open.remove(socket);
    }

    int count() {
        return open.size();
    }

    /** Sends every open WebSocket a 1001 close; their apps' receives end with WebSocketDisconnect 1001. */
    void closeAll() {
        for (NettyWebSocket socket : open) {
            socket.goingAway();
        }
    }
}
