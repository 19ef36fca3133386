package io.ifastapi.websockets;

/** Where one side of a WebSocket stands (Starlette's {@code WebSocketState}). */
public enum WebSocketState {
    /** The handshake has not been answered yet. */
    CONNECTING,
    CONNECTED,
    DISCONNECTED
}
