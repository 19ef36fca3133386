package io.ifastapi.server.netty;

import java.time.Duration;
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

    /**
     * Sends every open WebSocket a 1001 close (their apps' receives end with WebSocketDisconnect 1001) and waits up
     * to {@code wait} for the peers to answer, so that the closes are out before the event loops stop.
     */
    void closeAll(Duration wait) {
        for (NettyWebSocket socket : open) {
            socket.goingAway();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
