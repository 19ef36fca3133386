package io.ifastapi.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.List;

/**
 * Netty's request decoder, made to stop decoding while the connection has a pipelined request waiting. One socket
 * read can hold thousands of small pipelined requests; decoded all at once they would pile up as objects (Netty's
 * own codec refuses more than 128 and resets the connection). Stopped here, they wait as the raw bytes of that one
 * read, the connection stops reading from the socket, and {@link #resume()} decodes on when the queue has drained:
 * back-pressure, with memory bounded by one read per connection.
 *
 * <p>It is also stricter than Netty's, as uvicorn is: a lower-case method or version, and a header folded onto the
 * next line (obs-fold, which Netty joins to the previous value), make the request a decoder failure, so a 400.
 */
final class RequestDecoder extends HttpRequestDecoder {
    private final HttpConnection connection;
    private final ObsFoldDetector folds = new ObsFoldDetector();
    private ChannelHandlerContext ctx;

    RequestDecoder(HttpDecoderConfig config, HttpConnection connection) {
        super(config);
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        connection.bytesArrived(); // before decoding: a head completed by this read cancels the deadline it starts
        super.channelRead(ctx, msg);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (connection.holdingRequest()) {
            return; // consuming nothing ends the decode loop; the bytes stay buffered
        }
        int from = buffer.readerIndex();
        int before = out.size();
        super.decode(ctx, buffer, out);
        folds.scan(buffer, from, buffer.readerIndex());
        for (int i = before; i < out.size(); i++) {
            Object message = out.get(i);
            if (message instanceof HttpRequest request && folds.folded() && request.decoderResult().isSuccess()) {
                request.setDecoderResult(DecoderResult.failure(
                        new IllegalArgumentException("Obsolete line folding in the headers")));
            }
            if (message instanceof LastHttpContent) {
                folds.nextRequest(); // a decode call that ends a request ends at its last byte
            }
        }
    }

    /**
     * As uvicorn (h11, httptools) and Jetty: the method and the version are case-sensitive, so {@code get} and
     * {@code http/1.1} are refused (Netty's decoder would take them as GET and HTTP/1.1).
     */
    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        String method = initialLine[0];
        for (int i = 0; i < method.length(); i++) {
            if (Character.isLowerCase(method.charAt(i))) {
                throw new IllegalArgumentException("Methods are case-sensitive: " + method + " is not a method");
            }
        }
        if (initialLine.length > 2 && !initialLine[2].startsWith("HTTP/")) {
            throw new IllegalArgumentException("The version must be written HTTP/1.1 or HTTP/1.0");
        }
        return super.createMessage(initialLine);
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
