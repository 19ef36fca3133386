package io.ifastapi.server.netty;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Address;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.server.AppInvoker;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;

/**
 * One request and its response: created on the event loop when the request head arrives, then run on a virtual
 * thread of its own, where the app may block as it likes. Its response goes back through its connection, which
 * writes it on the event loop and, once it is written, moves on to the connection's next request.
 *
 * <p>Fields marked "event loop" are only touched there; the others are set before the virtual thread starts.
 */
final class Exchange implements Runnable, ChannelFutureListener {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    final HttpConnection connection;
    final HttpRequest request;
    final RequestHead head;
    /** Null when the request has no body. */
    final RequestBody body;
    /** Event loop: true until the request's last content (the end of its body) has arrived. */
    boolean receiving = true;
    /**
     * Set by the virtual thread before it hands over the response head (the app said Connection: close, or the body
     * is delimited by closing); then by the event loop when it decides the connection closes after this response.
     */
    boolean closeAfter;

    Exchange(HttpConnection connection, HttpRequest request, RequestHead head, RequestBody body) {
        this.connection = connection;
        this.request = request;
        this.head = head;
        this.body = body;
    }

    /** The virtual thread: the app, then the response. Whatever happens, the exchange ends (written or aborted). */
    @Override
    public void run() {
        Request ours = null;
        try {
            ours = toRequest();
            Response answer = AppInvoker.respond(connection.server().app(), ours);
            if (body != null) {
                body.close(); // drop what the app left unread
            }
            new ResponseWriter(this, ours).write(answer);
        } catch (Throwable e) {
            LOG.error("Failed to answer {}; closing the connection", ours == null ? request.uri() : ours, e);
            connection.abort(this);
        } finally {
            if (ours != null) {
                ServerRequest.of(ours).complete(); // the response is out: uploads' temp files go, teardown runs
            }
        }
    }

    private Request toRequest() {
        RequestTarget target = head.target();
        String host = head.host();
        int port = head.port();
        if (host == null) { // HTTP/1.0 without Host: the address the client connected to, as Jetty does
            Address local = connection.localAddress();
            host = local.host();
            port = local.port();
        }
        URL url = new URL(connection.server().scheme(), host, port, target.path(), target.query());
        Headers headers = new Headers();
        boolean http2 = connection.http2();
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = request.headers().iteratorCharSequence();
             it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            if (http2 && Http2Headers.isConversionHeader(header.getKey())) {
                continue; // x-http2-stream-id, x-http2-scheme...: Netty's bookkeeping, not the client's
            }
            headers.add(HeaderNames.canonical(header.getKey()), header.getValue().toString());
        }
        return new ServerRequest(head.method(), url, headers, connection.clientAddress(), body);
    }

    /** Event loop: the last write of the response completed (or failed: the connection is then closed). */
    @Override
    public void operationComplete(ChannelFuture future) {
        connection.finished(this, future.isSuccess());
    }
}
