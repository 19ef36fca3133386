package io.ifastapi.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * On a plain port: a connection that opens with the HTTP/2 client preface ({@code PRI * HTTP/2.0...}) speaks h2c
 * with prior knowledge (RFC 9113 3.3), any other speaks HTTP/1.1. Looks at the first bytes only, then leaves the
 * pipeline; the bytes it held go on to the chosen protocol's decoder.
 */
final class PriorKnowledgeDetector extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final HttpChannelInitializer pipelines;
    private final long headTimeoutNanos;
    /** While the first bytes look like the preface but are not all there: the head timeout still applies. */
    private ScheduledFuture<?> deadline;

    PriorKnowledgeDetector(HttpChannelInitializer pipelines, long headTimeoutNanos) {
        this.pipelines = pipelines;
        this.headTimeoutNanos = headTimeoutNanos;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), length)) {
            if (length < PREFACE.readableBytes()) {
                if (deadline == null && headTimeoutNanos > 0) { // no trickling the preface byte by byte
                    deadline = ctx.executor().schedule(() -> {
                        ctx.close();
                    }, headTimeoutNanos, TimeUnit.NANOSECONDS);
                }
                return; // so far it looks like the preface: wait for the rest
            }
            pipelines.http2(ctx.pipeline());
        } else {
            pipelines.http1(ctx.channel());
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.pipeline().remove(this); // hands the buffered bytes to the decoder just added
    }
}
