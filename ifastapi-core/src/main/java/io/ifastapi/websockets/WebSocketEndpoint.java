package io.ifastapi.websockets;

/**
 * A WebSocket route's handler ({@code app.websocket("/ws", ws -> ...)}): it runs on the connection's own virtual
 * thread for as long as the connection lives, so it simply blocks on {@link WebSocket#receiveText()} and friends.
 * Returning closes the connection (1000) if the handler did not; a {@link WebSocketDisconnect} thrown by a receive
 * may be left to propagate.
 */
@FunctionalInterface
public interface WebSocketEndpoint {
    void handle(WebSocket websocket) throws Exception;
}
