package io.ifastapi.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Netty's request decoder, made to stop decoding while the connection has a pipelined request waiting. One socket
 * read can hold thousands of small pipelined requests; decoded all at once they would pile up as objects (Netty's
 * own codec refuses more than 128 and resets the connection). Stopped here, they wait as the raw bytes of that one
 * read, the connection stops reading from the socket, and {@link #resume()} decodes on when the queue has drained:
 * back-pressure, with memory bounded by one read per connection.
 */
final class RequestDecoder extends HttpRequestDecoder {
    private final BooleanSupplier paused;
    private ChannelHandlerContext ctx;

    RequestDecoder(HttpDecoderConfig config, BooleanSupplier paused) {
        super(config);
        this.paused = paused;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (!paused.getAsBoolean()) { // consuming nothing ends the decode loop; the bytes stay buffered
            super.decode(ctx, buffer, out);
        }
    }

    /** Whether bytes read earlier still wait to be decoded. */
    boolean holdsBytes() {
        return actualReadableBytes() > 0;
    }

    /** Event loop: decodes what was held back, as if it had just been read. */
    void resume() throws Exception {
        if (holdsBytes() && !ctx.isRemoved()) {
            channelRead(ctx, Unpooled.EMPTY_BUFFER);
            channelReadComplete(ctx);
        }
    }
}
