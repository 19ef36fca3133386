package io.ifastapi.server;

import java.time.Duration;

/**
 * The WebSocket limits of a server ({@code ServerConfig.webSockets}), with uvicorn's defaults:
 * <ul>
 * <li>{@code maxMessageSize}, 16 MiB (uvicorn's {@code --ws-max-size}): a larger message, whole or in fragments,
 *     closes the connection with 1009 (message too big).
 * <li>{@code pingInterval}, 20 s ({@code --ws-ping-interval}): after this long without a frame from the peer, the
 *     server pings it. 0 = never ping.
 * <li>{@code pingTimeout}, 20 s ({@code --ws-ping-timeout}): a peer that sends nothing (not even the pong) for
 *     this long after a ping is gone: the connection is closed with 1011 and the app's receive gets
 *     WebSocketDisconnect 1006. So an idle but live client stays connected, a vanished one is noticed.
 * <li>{@code maxQueuedMessages}, 16 (uvicorn's websockets {@code max_queue}): messages received but not yet taken
 *     by the app; when they are queued the server stops reading from the socket until the app catches up (TCP
 *     backpressure on the client).
 * </ul>
 */
public record WebSocketConfig(int maxMessageSize, Duration pingInterval, Duration pingTimeout, int maxQueuedMessages) {
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    public WebSocketConfig {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be > 0 bytes, got " + maxMessageSize);
        }
        if (pingInterval == null || pingInterval.isNegative() || pingTimeout == null || pingTimeout.isNegative()) {
            throw new IllegalArgumentException("pingInterval and pingTimeout must be durations >= 0 (0 = no ping)");
        }
        if (maxQueuedMessages <= 0) {
            throw new IllegalArgumentException("maxQueuedMessages must be > 0, got " + maxQueuedMessages);
        }
    }

    public static WebSocketConfig defaults() {
        return new WebSocketConfig(DEFAULT_MAX_MESSAGE_SIZE, Duration.ofSeconds(20), Duration.ofSeconds(20), 16);
    }

    public WebSocketConfig maxMessageSize(int bytes) {
        return new WebSocketConfig(bytes, pingInterval, pingTimeout, maxQueuedMessages);
    }

    public WebSocketConfig pingInterval(Duration interval) {
        return new WebSocketConfig(maxMessageSize, interval, pingTimeout, maxQueuedMessages);
    }

    public WebSocketConfig pingTimeout(Duration timeout) {
        return new WebSocketConfig(maxMessageSize, pingInterval, timeout, maxQueuedMessages);
    }

    public WebSocketConfig maxQueuedMessages(int messages) {
        return new WebSocketConfig(maxMessageSize, pingInterval, pingTimeout, messages);
    }
}
