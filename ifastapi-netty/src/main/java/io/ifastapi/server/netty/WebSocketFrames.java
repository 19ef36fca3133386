package io.ifastapi.server.netty;

import io.ifastapi.internal.WebSocketInbox;
import io.ifastapi.internal.WebSocketMessage;
import io.ifastapi.server.WebSocketConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop side of an accepted WebSocket: reassembles fragmented messages (up to the size limit, else 1009),
 * answers pings, completes close handshakes, pings a quiet peer and gives up on one that stays silent, and hands
 * whole messages to the app's inbox, pausing the socket's reads while the inbox is full. Netty's frame decoder and
 * UTF-8 validator in front of it refuse protocol violations (with 1002, 1007, 1009 closes).
 */
final class WebSocketFrames extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrames.class);

    private final NettyWebSocket socket;
    private final WebSocketInbox inbox;
    private final WebSocketConfig config;
    /** The fragments of a message in progress, or null. */
    private ByteArrayOutputStream fragments;
    private boolean fragmentedText;
    private ScheduledFuture<?> pingDeadline;

    WebSocketFrames(NettyWebSocket socket, WebSocketInbox inbox, WebSocketConfig config) {
        this.socket = socket;
        this.inbox = inbox;
        this.config = config;
    }

    /**
     * Event loop, as the 101 goes out: replaces the HTTP handlers ({@code httpHandler}'s codec and idle timer) with
     * the WebSocket ones. Bytes the HTTP decoder still held go on to the frame decoder.
     */
    void install(ChannelHandlerContext httpHandler) {
        ChannelPipeline pipeline = httpHandler.pipeline();
        if (pipeline.get("idle") != null) {
            pipeline.remove("idle"); // an idle WebSocket is fine; silence is checked with pings instead
        }
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxMessageSize())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        pipeline.addAfter("decoder", "ws-decoder", new WebSocket13FrameDecoder(decoder));
        pipeline.addAfter("ws-decoder", "ws-utf8", new Utf8FrameValidator(true));
        String last = "ws-utf8";
        long ping = config.pingInterval().toMillis();
        if (ping > 0) {
            pipeline.addAfter(last, "ws-ping", new IdleStateHandler(ping, 0, 0, TimeUnit.MILLISECONDS));
            last = "ws-ping";
        }
        pipeline.addAfter(last, "ws", this);
        pipeline.replace("encoder", "ws-encoder", new WebSocket13FrameEncoder(false));
        pipeline.remove(httpHandler.handler());
        pipeline.remove("decoder");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            peerIsAlive();
            switch (msg) {
                case TextWebSocketFrame text -> data(ctx, text, true);
                case BinaryWebSocketFrame binary -> data(ctx, binary, false);
                case ContinuationWebSocketFrame more -> continuation(ctx, more);
                case PingWebSocketFrame ping ->
                        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retainedDuplicate()));
                case CloseWebSocketFrame close -> peerClose(ctx, close);
                default -> { } // pongs: they only prove the peer is alive
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void data(ChannelHandlerContext ctx, WebSocketFrame frame, boolean text) {
        if (frame.isFinalFragment()) {
            ByteBuf content = frame.content();
            deliver(ctx, text ? new WebSocketMessage.Text(content.toString(StandardCharsets.UTF_8))
                    : new WebSocketMessage.Binary(ByteBufUtil.getBytes(content)));
            return;
        }
        fragments = new ByteArrayOutputStream();
        fragmentedText = text;
        append(ctx, frame.content());
    }

    private void continuation(ChannelHandlerContext ctx, ContinuationWebSocketFrame frame) {
        if (fragments == null) {
            return; // the decoder refuses a continuation without a start; nothing to add to
        }
        if (!append(ctx, frame.content()) || !frame.isFinalFragment()) {
            return;
        }
        byte[] whole = fragments.toByteArray();
        fragments = null;
        deliver(ctx, fragmentedText ? new WebSocketMessage.Text(new String(whole, StandardCharsets.UTF_8))
                : new WebSocketMessage.Binary(whole));
    }

    /** Adds a fragment; false (and a 1009 close) when the message grows past the limit. */
    private boolean append(ChannelHandlerContext ctx, ByteBuf content) {
        if ((long) fragments.size() + content.readableBytes() > config.maxMessageSize()) {
            fragments = null;
            String reason = "Message larger than " + config.maxMessageSize() + " bytes";
            inbox.closed(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), reason);
            closeNow(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, reason));
            return false;
        }
        fragments.writeBytes(ByteBufUtil.getBytes(content));
        return true;
    }

    private void deliver(ChannelHandlerContext ctx, WebSocketMessage message) {
        if (inbox.offer(message)) {
            ctx.channel().config().setAutoRead(false); // the app is behind: let TCP hold the peer back
        }
    }

    private void peerClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        int code = close.statusCode();
        inbox.closed(code < 0 ? 1005 : code, close.reasonText());
        if (socket.peerClosed()) {
            // RFC 6455 5.5.1: answer with the same code, then the server closes the TCP connection
            closeNow(ctx, code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, ""));
        } else {
            ctx.close(); // the answer to our close: the handshake is complete
        }
    }

    private void closeNow(ChannelHandlerContext ctx, CloseWebSocketFrame frame) {
        socket.peerClosed(); // nothing more may be sent
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    private void peerIsAlive() {
        if (pingDeadline != null) {
            pingDeadline.cancel(false);
            pingDeadline = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (pingDeadline != null) {
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame());
        pingDeadline = ctx.executor().schedule(() -> {
            LOG.debug("No answer to a ping within {}: closing {}", config.pingTimeout(), socket);
            closeNow(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                    "keepalive ping timeout"));
        }, Math.max(1, config.pingTimeout().toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peerIsAlive();
        socket.ended();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            // Netty's decoder has sent the close (1002, 1007, 1009) and closes the connection
            LOG.debug("WebSocket protocol violation by the peer of {}: {}", socket, corrupt.getMessage());
            socket.peerClosed();
            inbox.closed(corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
        } else if (cause instanceof IOException) {
            LOG.debug("WebSocket connection error on {}: {}", socket, cause.toString());
        } else {
            LOG.warn("Unexpected error on {}; closing it", socket, cause);
        }
        ctx.close();
    }
}
