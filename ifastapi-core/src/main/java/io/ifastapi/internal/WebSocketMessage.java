package io.ifastapi.internal;

/** What a WebSocket peer sent: a whole (reassembled) text or binary message, or its close frame / disconnection. */
public sealed interface WebSocketMessage {

    record Text(String text) implements WebSocketMessage {
    }

    record Binary(byte[] bytes) implements WebSocketMessage {
    }

    /**
     * The peer closed (its close code and reason) or the connection ended without a close frame (1006, as RFC 6455
     * 7.1.5 says). Always the last message of a connection.
     */
    record Close(int code, String reason) implements WebSocketMessage {
        public static final int ABNORMAL = 1006;
    }
}
