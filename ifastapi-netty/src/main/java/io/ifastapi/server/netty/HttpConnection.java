package io.ifastapi.server.netty;

import io.ifastapi.http.Address;
import io.ifastapi.http.HTTPException;
import io.ifastapi.internal.BodyWaitBudget;
import io.ifastapi.server.ServerConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;

/**
 * One HTTP/1.1 connection, on its event loop: it turns decoded messages into {@link Exchange}s, one at a time and in
 * order, and writes their responses. Only parsing and writing happen here; every request runs on its own virtual
 * thread.
 *
 * <p>Ordering: while a request is in flight, the next pipelined request waits in {@link #pending}, the decoder
 * stops decoding ({@link RequestDecoder}: the rest stays as raw bytes, at most one read's worth) and the connection
 * stops reading from the socket. When a response has been written, the next request starts and decoding resumes. The same switch pauses reading while the app is behind on a
 * large body ({@link RequestBody}). A connection that is merely waiting for the next request keeps reading, so the
 * common case never touches the socket's interest set.
 *
 * <p>Keep-alive follows HTTP/1.1 and 1.0 rules, with Jetty's two extra reasons to close after a response: the app
 * was done before the request body had fully arrived (its rest could not be told from the next request without
 * reading it all), and the server is shutting down.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements RequestBody.Flow {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

    private final ServerContext server;
    /** One HTTP/2 stream (a child channel): no decoder or encoder of its own, one request. */
    private final boolean http2;
    private final WriteGate gate = new WriteGate();
    private final ArrayDeque<Object> pending = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    /** The request being handled, from its head until its response is written. */
    private Exchange current;
    /** The current request, not yet started: it starts when the read that brought its head has been decoded. */
    private Exchange toStart;
    /** No more requests on this connection: a response with Connection: close is out, or it closed. */
    private boolean closing;
    private volatile Address client;
    private RequestDecoder decoder;
    private ResponseEncoder encoder;
    /** ServerConfig.headTimeout: set when the bytes of a head start arriving, cancelled when the head is complete. */
    private ScheduledFuture<?> headTimer;

    HttpConnection(ServerContext server, boolean http2) {
        this.server = server;
        this.http2 = http2;
    }

    boolean http2() {
        return http2;
    }

    void codec(RequestDecoder decoder, ResponseEncoder encoder) {
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** Whether a decoded request waits for its turn: the decoder then holds the rest of the bytes undecoded. */
    boolean holdingRequest() {
        return !pending.isEmpty();
    }

    ServerContext server() {
        return server;
    }

    Channel channel() {
        return ctx.channel();
    }

    WriteGate gate() {
        return gate;
    }

    // ----- reading: event loop -----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!pending.isEmpty() || (current != null && msg instanceof HttpRequest)) {
            pending.add(msg); // a pipelined request: its turn comes when the current response is written
            updateReading();
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            begin(request);
        }
        if (msg instanceof HttpContent content) {
            receive(content);
        }
    }

    /**
     * Event loop, before each read is decoded: the first bytes of a request head start its deadline
     * ({@link ServerConfig#headTimeout()}). Unlike the idle timeout, later bytes do not restart it, so a client
     * trickling a head byte by byte (slowloris) cannot hold the connection.
     */
    void bytesArrived() {
        long timeout = server.config().headTimeout().toNanos();
        if (headTimer == null && current == null && !closing && timeout > 0) {
            headTimer = ctx.executor().schedule(this::headTimedOut, timeout, TimeUnit.NANOSECONDS);
        }
    }

    private void headTimedOut() {
        headTimer = null;
        if (current == null && !closing) {
            LOG.debug("Request head not complete within the head timeout: 408");
            answering(false);
            reject(new RequestRejected(408, "Request head not received within "
                    + server.config().headTimeout().toMillis() + " ms"));
        }
    }

    private void cancelHeadTimer() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    private void begin(HttpRequest request) {
        cancelHeadTimer();
        RequestHead head;
        try {
            if (request.decoderResult().isFailure()) {
                throw RequestRejected.decoderFailure(request.decoderResult().cause(),
                        server.config().maxHeaderBytes());
            }
            head = RequestHead.of(request);
            if (server.draining()) {
                throw new RequestRejected(503, null);
            }
        } catch (RequestRejected rejected) {
            answering(HttpMethod.HEAD.equals(request.method()));
            reject(rejected);
            return;
        }
        RequestBody body = head.hasBody() ? new RequestBody(this, head.expectContinue(), new BodyWaitBudget(server.config())) : null;
        current = new Exchange(this, request, head, body);
        server.inFlight().enter();
        toStart = current;
    }

    /**
     * Starts the request's virtual thread once everything that arrived with its head has been decoded, rather than
     * at its head. So a small body sent with the head is always complete before the app runs, and whether the app
     * left part of the body unread (which closes the connection) is decided on what had arrived, not on a race
     * between the app and the event loop.
     */
    private void startDeferred() {
        Exchange exchange = toStart;
        if (exchange != null) {
            toStart = null;
            server.dispatch(exchange);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        startDeferred();
        ctx.fireChannelReadComplete();
    }

    private void receive(HttpContent content) {
        Exchange exchange = current;
        if (exchange == null || !exchange.receiving || closing) {
            content.release(); // the rest of a rejected request
            return;
        }
        if (content.decoderResult().isFailure()) {
            // Bad chunked framing: the decoder discards everything from here on, so the body never ends and the
            // response closes the connection. The app learns it when it reads.
            content.release();
            if (exchange.body != null) {
                exchange.body.fail(new HTTPException(400, "Malformed or incomplete request body"));
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (exchange.body == null) {
            content.release();
        } else if (exchange.body.offer(content.content(), last)) {
            updateReading();
        }
        if (last) {
            exchange.receiving = false;
        }
    }

    /** Reads from the socket only when nothing waits: no pipelined request queued, no body the app is behind on. */
    private void updateReading() {
        boolean read = !closing && pending.isEmpty()
                && (current == null || current.body == null || !current.body.paused());
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
        }
    }

    private void drainPending() {
        while (!closing && !pending.isEmpty()) {
            if (current != null && pending.peek() instanceof HttpRequest) {
                break;
            }
            dispatch(pending.poll());
        }
        if (!closing && pending.isEmpty() && decoder != null) {
            try {
                decoder.resume(); // the requests held back as bytes, up to the next one that has to wait
            } catch (Exception e) {
                exceptionCaught(ctx, e);
            }
            if (current == null && decoder.holdsBytes()) {
                bytesArrived(); // part of the next head is here: its deadline starts now
            }
        }
        startDeferred();
        updateReading();
    }

    private void answering(boolean headRequest) {
        if (encoder != null) { // HTTP/2 frames know their end without it
            encoder.answering(headRequest);
        }
    }

    /** Answers a request the app never sees, and closes: what follows it on the connection cannot be trusted. */
    private void reject(RequestRejected rejected) {
        closing = true;
        releasePending();
        FullHttpResponse response = Responses.error(rejected.status(), rejected.detail(), server.date().now());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    // ----- writing: called on the request's virtual thread, done on the event loop -----

    /** The whole response in one write and flush; the exchange ends when it is written. */
    void respond(Exchange exchange, FullHttpResponse response) {
        execute(true, () -> {
            prepareHead(exchange, response);
            ctx.writeAndFlush(response).addListener(exchange);
        });
    }

    /** The head of a streamed response; its chunks follow as plain channel writes, queued after this task. */
    void sendHead(Exchange exchange, HttpResponse head) {
        execute(false, () -> {
            prepareHead(exchange, head);
            ctx.write(head, ctx.voidPromise());
        });
    }

    /** The end of a streamed response; the exchange ends when it is written. */
    void end(Exchange exchange) {
        execute(true, () -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(exchange));
    }

    /** Ends the exchange by closing the connection: its response cannot be completed. */
    void abort(Exchange exchange) {
        execute(true, () -> {
            ctx.close();
            finished(exchange, false);
        });
    }

    /** Sends 100 Continue when the app starts reading a body the client is holding back until it hears from us. */
    @Override
    public void sendContinue() {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                Unpooled.EMPTY_BUFFER), ctx.voidPromise());
    }

    @Override
    public void resumeReading() {
        try {
            ctx.executor().execute(this::updateReading);
        } catch (RejectedExecutionException stopped) {
            // the server has stopped; nothing more will be read
        }
    }

    /** @param last whether the task ends the exchange (and so would have settled the in-flight count) */
    private void execute(boolean last, Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException stopped) {
            // The server stopped (after its shutdown grace) while this request was still running: its connection is
            // closed already; only the in-flight count is left to settle.
            if (last) {
                server.inFlight().exit();
            }
        }
    }

    /** Decides, as the head goes out, whether the connection survives this response. */
    private void prepareHead(Exchange exchange, HttpResponse response) {
        answering(exchange.head.method().equals("HEAD"));
        boolean close = exchange.closeAfter || !exchange.head.keepAlive() || exchange.receiving
                || (exchange.body != null && exchange.body.abandoned()) || server.draining();
        if (close) {
            exchange.closeAfter = true;
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (exchange.head.http10()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** Event loop: the exchange is over; on to the next request, or close. */
    void finished(Exchange exchange, boolean written) {
        server.inFlight().exit();
        if (exchange.body != null) {
            exchange.body.close();
        }
        if (current == exchange) {
            current = null;
        }
        if (!written || exchange.closeAfter) {
            closing = true;
            releasePending();
            ctx.close();
            return;
        }
        drainPending();
    }

    // ----- connection events: event loop -----

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        Exchange exchange = current;
        if (exchange == null) {
            ctx.close(); // an idle keep-alive connection
        } else if (exchange.body != null && exchange.body.timeOutWaitingReader()) {
            LOG.debug("Request body stalled for the idle timeout: 408");
        } else if (gate.writerWaiting()) {
            LOG.debug("Client stopped reading the response for the idle timeout: closing");
            ctx.close();
        }
        // else the app is busy: that is not idleness
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        gate.signal();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        cancelHeadTimer();
        releasePending();
        Exchange exchange = current;
        if (exchange != null && exchange.receiving && exchange.body != null) {
            exchange.body.fail(new HTTPException(400, "Malformed or incomplete request body"));
        }
        startDeferred(); // it finds its body failed and its response unwanted, and ends
        gate.signal();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException) {
            // resets by peers are routine, and what a client's bytes cause is no server error: no stack trace
            LOG.debug("Connection error: {}", cause.toString());
        } else {
            LOG.warn("Unexpected error on a connection; closing it", cause);
        }
        ctx.close();
    }

    private void releasePending() {
        for (Object msg; (msg = pending.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
    }

    // ----- addresses, computed once per connection -----

    Address clientAddress() {
        Address address = client;
        if (address == null) {
            address = address(ctx.channel().remoteAddress());
            client = address;
        }
        return address;
    }

    Address localAddress() {
        return address(ctx.channel().localAddress());
    }

    private static Address address(SocketAddress socket) {
        if (socket instanceof InetSocketAddress inet) {
            return new Address(inet.getAddress().getHostAddress(), inet.getPort());
        }
        return new Address(String.valueOf(socket), -1);
    }
}
