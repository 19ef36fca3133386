package io.ifastapi.server.netty;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.internal.ServerRequest;
import io.ifastapi.internal.WebSocketChannel;
import io.ifastapi.internal.WebSocketInbox;
import io.ifastapi.internal.WebSocketMessage;
import io.ifastapi.server.AppInvoker;
import io.ifastapi.server.WebSocketConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket of one handshake on the Netty adapter, as the app's {@code WebSocket} drives it from the
 * connection's virtual thread (the exchange's). {@link #accept} answers 101 and turns the connection's pipeline into
 * a WebSocket one ({@link WebSocketFrames}); messages then come through a bounded {@link WebSocketInbox} whose
 * fullness stops the socket's reads; sends wait while the socket is not writable.
 */
final class NettyWebSocket implements WebSocketChannel {
    /** How long a close we sent may wait for the peer's answer before the connection is closed anyway. */
    private static final long CLOSE_WAIT_MS = 5_000;

    private final Exchange exchange;
    private final WebSocketConfig config;
    private final OpenWebSockets registry;
    private final WebSocketInbox inbox;
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile Channel channel;

    private NettyWebSocket(Exchange exchange) {
        this.exchange = exchange;
        ServerContext server = exchange.connection.server();
        this.config = server.config().webSockets();
        this.registry = server.webSockets();
        this.inbox = new WebSocketInbox(config.maxQueuedMessages(), this::resumeReading);
    }

    /** The WebSocket of a request that asks for one (attached to it), or null for a plain HTTP request. */
    static NettyWebSocket forRequest(Exchange exchange, Request request) {
        // HTTP/2 has no Upgrade (RFC 8441's extended CONNECT is not supported): such a request is plain HTTP there
        if (exchange.connection.http2() || !WebSocketHandshake.requested(exchange.request)) {
            return null;
        }
        NettyWebSocket socket = new NettyWebSocket(exchange);
        ServerRequest.of(request).webSocket(socket);
        return socket;
    }

    /** Runs the app for the handshake; a malformed one is a 400 the app never sees. */
    Response run(Handler app, Request request) {
        String problem = WebSocketHandshake.problem(exchange.request);
        if (problem != null) {
            return Response.json(Map.of("detail", problem), 400);
        }
        return AppInvoker.respond(app, request);
    }

    /** Whether the app accepted: the connection is a WebSocket now, with no HTTP response left to write. */
    boolean upgraded() {
        return channel != null;
    }

    @Override
    public void accept(String subprotocol, Headers headers) throws IOException {
        FullHttpResponse switching = WebSocketHandshake.switching(exchange.request, subprotocol);
        headers.forEach((name, value) -> switching.headers().add(name, value));
        Channel ch = exchange.connection.channel();
        WebSocketFrames frames = new WebSocketFrames(this, inbox, config);
        CompletableFuture<ChannelFuture> upgrade = new CompletableFuture<>();
        try {
            ch.eventLoop().execute(() -> {
                try {
                    upgrade.complete(exchange.connection.upgrade(exchange, switching, frames));
                } catch (Throwable e) {
                    upgrade.completeExceptionally(e);
                }
            });
            ChannelFuture written = upgrade.get();
            channel = ch;
            registry.add(this);
            written.awaitUninterruptibly();
            if (!written.isSuccess()) {
                throw new IOException("The 101 could not be written", written.cause());
            }
        } catch (RejectedExecutionException | ExecutionException e) {
            throw new IOException("The connection is gone", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during the handshake", e);
        }
    }

    @Override
    public void sendText(String text) throws IOException {
        write(new TextWebSocketFrame(text));
    }

    @Override
    public void sendBinary(byte[] bytes) throws IOException {
        write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    private void write(WebSocketFrame frame) throws IOException {
        Channel ch = channel;
        if (closeSent.get() || !ch.isActive()) {
            frame.release();
            throw new IOException("The WebSocket is closed");
        }
        ChannelFuture written = ch.writeAndFlush(frame);
        if (!ch.isWritable()) {
            written.awaitUninterruptibly(); // backpressure: the peer is not reading as fast as we write
        }
        if (written.isDone() && !written.isSuccess()) {
            throw new IOException("The WebSocket is closed", written.cause());
        }
    }

    @Override
    public WebSocketMessage receive() throws InterruptedException {
        return inbox.take();
    }

    @Override
    public void close(int code, String reason) {
        Channel ch = channel;
        if (ch == null || !closeSent.compareAndSet(false, true)) {
            return;
        }
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        try {
            ch.eventLoop().schedule(() -> {
                ch.close();
            }, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            ch.close();
        }
    }

    /** Server shutdown: the app's receive ends with 1001 and the peer gets a 1001 close. */
    void goingAway() {
        // the close first: woken first, the app's handler could end and close with 1000 before our 1001 went out
        close(1001, "Server shutting down");
        inbox.closed(1001, "Server shutting down");
    }

    /** Event loop: a close frame came from the peer; true when we must still answer it. */
    boolean peerClosed() {
        return closeSent.compareAndSet(false, true);
    }

    /** Event loop: the connection is gone. */
    void ended() {
        inbox.closed(WebSocketMessage.Close.ABNORMAL, "");
        registry.remove(this);
    }

    private void resumeReading() {
        Channel ch = channel;
        try {
            ch.eventLoop().execute(() -> ch.config().setAutoRead(true));
        } catch (RejectedExecutionException stopped) {
            // the server has stopped; nothing more will be read
        }
    }

    @Override
    public String toString() {
        return "WebSocket " + exchange.request.uri();
    }
}
