package io.ifastapi.server.netty;

import io.ifastapi.internal.ConnectionLimitLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link io.ifastapi.server.ServerConfig#maxConnections()}, on the listening channel, in front of Netty's acceptor.
 * At the cap the listener stops accepting (autoRead off), so new clients wait in the kernel's listen backlog rather
 * than take file descriptors the process may not have; the few accepted in the same wake-up wait here, accepted
 * but not yet served (nothing is read from them). When a connection closes, the longest waiting one is served, and
 * accepting resumes once none waits. Waiting, not closing, as Jetty's NetworkConnectionLimit does: a burst of
 * legitimate clients is served late rather than refused. Everything runs on the listener's event loop.
 */
final class ConnectionCap extends ChannelInboundHandlerAdapter {
    private final int max;
    private final ConnectionLimitLog log;
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int open;

    ConnectionCap(int max) {
        this.max = max;
        this.log = new ConnectionLimitLog(max);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** A connection was accepted. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel connection = (Channel) msg;
        if (open < max) {
            admit(connection);
        } else {
            waiting.add(connection);
        }
    }

    private void admit(Channel connection) {
        open++;
        connection.closeFuture().addListener(closed -> {
            try {
                ctx.executor().execute(this::closed);
            } catch (RejectedExecutionException stopped) {
                // the server is shutting down: nothing more to accept
            }
        });
        if (open >= max) {
            ctx.channel().config().setAutoRead(false);
            log.reached();
        }
        ctx.fireChannelRead(connection); // to the acceptor, which registers it: it is served from now on
    }

    private void closed() {
        open--;
        Channel next;
        while (open < max && (next = waiting.poll()) != null) {
            if (next.isOpen()) {
                admit(next);
            }
        }
        if (open < max && waiting.isEmpty() && ctx.channel().isOpen()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Channel connection; (connection = waiting.poll()) != null; ) {
            connection.unsafe().closeForcibly(); // never registered: no event loop to close it on
        }
        ctx.fireChannelInactive();
    }
}
