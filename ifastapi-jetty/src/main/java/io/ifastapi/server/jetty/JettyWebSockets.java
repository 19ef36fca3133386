package io.ifastapi.server.jetty;

import io.ifastapi.http.Handler;
import io.ifastapi.server.RequestThreads;
import io.ifastapi.server.WebSocketConfig;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * What the server's WebSockets share: Jetty's WebSocket container (configured from {@link WebSocketConfig}: the
 * message size for text, binary and single frames; no idle timeout, since silence is checked with pings), the
 * scheduler of the pings and the virtual threads the apps' handlers run on. Jetty's container closes every open
 * WebSocket with 1001 when the server stops.
 */
final class JettyWebSockets {
    private final ServerWebSocketContainer container;
    private final Scheduler scheduler;
    private final WebSocketConfig config;
    private final ThreadFactory threads = RequestThreads.factory();

    private JettyWebSockets(ServerWebSocketContainer container, Scheduler scheduler, WebSocketConfig config) {
        this.container = container;
        this.scheduler = scheduler;
        this.config = config;
    }

    /** Adds the WebSocket container to {@code jetty}; call before it starts. */
    static JettyWebSockets install(org.eclipse.jetty.server.Server jetty, Scheduler scheduler, WebSocketConfig config) {
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(jetty);
        container.setMaxTextMessageSize(config.maxMessageSize());
        container.setMaxBinaryMessageSize(config.maxMessageSize());
        container.setMaxFrameSize(config.maxMessageSize());
        container.setIdleTimeout(Duration.ZERO);
        return new JettyWebSockets(container, scheduler, config);
    }

    void handshake(Handler app, Request request, Response response, Callback callback) {
        JettyWebSocket.handshake(app, container, scheduler, config, threads, request, response, callback);
    }
}
