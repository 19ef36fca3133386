package io.ifastapi.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streaming response body on its way to the client, written on the request's virtual thread, with Jetty's
 * semantics: writes are gathered in a {@value #BUFFER_SIZE}-byte buffer; {@code flush()} (or a full buffer) sends
 * what is gathered now, as a chunk (the head goes first: the response is then committed); a body that ends without
 * having filled the buffer goes out whole with a Content-Length. A body with a Content-Length set by the app (a file)
 * is sent as is, not chunked; to an HTTP/1.0 client without one, it ends with the connection.
 *
 * <p>After each send the writer waits while the connection is not writable ({@link WriteGate}); a write after the
 * client went away fails with an IOException, which tells {@link #clientFailed()} apart from a body that threw.
 */
final class BodyOutputStream extends OutputStream implements ChannelFutureListener {
    /** Jetty's default output buffer size. */
    static final int BUFFER_SIZE = 32 * 1024;

    private final Exchange exchange;
    private final Channel channel;
    private final HttpResponseStatus status;
    private final HttpHeaders headers;
    private byte[] buffer;
    private int count;
    private boolean committed;
    private boolean finished;
    private boolean clientFailed;
    private volatile Throwable writeFailure;

    BodyOutputStream(Exchange exchange, HttpResponseStatus status, HttpHeaders headers) {
        this.exchange = exchange;
        this.channel = exchange.connection.channel();
        this.status = status;
        this.headers = headers;
    }

    /** True when writing to the client failed (it disconnected, or stopped reading until the idle timeout). */
    boolean clientFailed() {
        return clientFailed;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (buffer == null) {
            buffer = new byte[BUFFER_SIZE];
        }
        buffer[count++] = (byte) b;
        if (count == BUFFER_SIZE) {
            send(true);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        while (length > 0) {
            if (buffer == null) {
                buffer = new byte[BUFFER_SIZE];
            }
            int n = Math.min(length, BUFFER_SIZE - count);
            System.arraycopy(bytes, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
            if (count == BUFFER_SIZE) {
                send(true);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        send(true);
    }

    /**
     * Does nothing: {@link #finish()} ends the body once {@code writeTo} has returned normally. A body that wraps
     * this stream in a writer inside try-with-resources closes it even when it throws; ending the body there would
     * let the client take a truncated body for a whole one.
     */
    @Override
    public void close() {
    }

    /** Ends the body: the whole of it with a Content-Length if it fit the buffer, else the rest and the last chunk. */
    void finish() throws IOException {
        ensureOpen();
        finished = true;
        if (!committed) {
            if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                headers.setInt(HttpHeaderNames.CONTENT_LENGTH, count);
            }
            ByteBuf content = count == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(buffer, 0, count);
            exchange.connection.respond(exchange, new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content,
                    headers, EmptyHttpHeaders.INSTANCE));
            return;
        }
        if (count > 0) {
            channel.write(new DefaultHttpContent(copyBuffered())).addListener(this);
        }
        exchange.connection.end(exchange);
    }

    /**
     * The body failed. Nothing sent yet: a 500 instead (the connection is still sound). Else the connection is
     * closed without the last chunk, so the client sees an incomplete body rather than a truncated one passed off
     * as complete.
     */
    void abort() {
        finished = true;
        if (!committed && !clientFailed && channel.isActive()) {
            exchange.connection.respond(exchange, Responses.error(500, null, exchange.connection.server().date().now()));
        } else {
            exchange.connection.abort(exchange);
        }
    }

    private void send(boolean flush) throws IOException {
        if (!committed) {
            commit();
        }
        if (count > 0) {
            ChannelFuture write = flush ? channel.writeAndFlush(new DefaultHttpContent(copyBuffered()))
                    : channel.write(new DefaultHttpContent(copyBuffered()));
            write.addListener(this);
        } else if (flush) {
            channel.flush();
        }
        try {
            exchange.connection.gate().await(channel);
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
    }

    private void commit() {
        committed = true;
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (exchange.head.http10()) {
                exchange.closeAfter = true; // an HTTP/1.0 client knows no chunks: the end of the body is the close
            } else {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        exchange.connection.sendHead(exchange, new DefaultHttpResponse(HttpVersion.HTTP_1_1, status, headers));
    }

    /** The buffered bytes in a (pooled, direct) buffer of their own, so that ours can be reused at once. */
    private ByteBuf copyBuffered() {
        ByteBuf data = channel.alloc().buffer(count).writeBytes(buffer, 0, count);
        count = 0;
        return data;
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("The response body has ended");
        }
        Throwable failure = writeFailure;
        if (failure != null || !channel.isActive()) {
            clientFailed = true;
            throw new IOException("The client closed the connection", failure);
        }
    }

    /** Event loop: a write of this body completed; a failure fails the next write. */
    @Override
    public void operationComplete(ChannelFuture future) {
        if (!future.isSuccess()) {
            writeFailure = future.cause();
        }
    }
}
