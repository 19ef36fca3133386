package io.ifastapi.internal;

import io.ifastapi.http.Headers;

import java.io.IOException;

/**
 * A WebSocket connection as a server adapter (or TestClient) provides it to the framework: it is attached to the
 * handshake request ({@link ServerRequest#webSocket}) before the app runs, and the app's {@code WebSocket} drives
 * it. Every call comes from the connection's own virtual thread and may block; none is called concurrently with
 * itself except {@link #close}, which may race a send.
 */
public interface WebSocketChannel {

    /**
     * Completes the handshake: 101 Switching Protocols with the chosen subprotocol (null for none) and extra
     * response headers. Frames may arrive from this moment on.
     */
    void accept(String subprotocol, Headers headers) throws IOException;

    /** Sends one text message; blocks while the peer is not reading (backpressure). */
    void sendText(String text) throws IOException;

    /** Sends one binary message; blocks while the peer is not reading (backpressure). */
    void sendBinary(byte[] bytes) throws IOException;

    /** The next message; blocks until one arrives. After the {@link WebSocketMessage.Close} it returns it again. */
    WebSocketMessage receive() throws InterruptedException;

    /** Sends a close frame (once) and ends the connection once the peer answers or a short while has passed. */
    void close(int code, String reason);
}
