package io.ifastapi.server.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The idle timeout of an HTTP/2 connection: closed (with a GOAWAY) when nothing moved on it for the idle timeout
 * and no stream is open; a long request or a slow streamed response keeps it open, as on HTTP/1.1.
 */
final class Http2IdleCloser extends ChannelInboundHandlerAdapter {
    private final Http2FrameCodec codec;

    Http2IdleCloser(Http2FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (codec.connection().numActiveStreams() == 0) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
