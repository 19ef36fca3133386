package io.ifastapi.server.netty;

import io.ifastapi.http.Request;
import io.ifastapi.http.HttpStatus;
import io.ifastapi.http.Response;
import io.ifastapi.server.AppInvoker;
import io.ifastapi.server.HttpRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the app's {@link Response} on the wire, on the request's virtual thread. A body in memory goes out as one
 * full response (head and body in a single write and flush, the body wrapped, not copied); a streaming body through
 * a {@link BodyOutputStream}. As with Jetty: a Content-Length unless the app set one, none for 1xx/204/304, no body
 * for HEAD, and a failing streaming body is a 500 if nothing was sent yet, an aborted connection otherwise.
 */
final class ResponseWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

    private final Exchange exchange;
    private final Request request;

    ResponseWriter(Exchange exchange, Request request) {
        this.exchange = exchange;
        this.request = request;
    }

    void write(Response answer) {
        int status = answer.status();
        boolean bodyless = HttpStatus.bodyless(status);
        // AppInvoker has dropped a HEAD's body (a streaming one never ran) and set its Content-Length when known
        boolean headRequest = HttpRules.isHead(request);
        if ("close".equalsIgnoreCase(answer.headers().get("connection"))) {
            exchange.closeAfter = true;
        }
        HttpHeaders headers;
        try {
            headers = Responses.headers(answer, exchange.connection.server().date().now());
        } catch (IllegalArgumentException badHeaderName) {
            LOG.error("The response to {} has an invalid header; answering 500", request, badHeaderName);
            exchange.connection.respond(exchange, Responses.error(500, null, exchange.connection.server().date().now()));
            return;
        }
        if (!answer.isStreaming() || bodyless) {
            exchange.connection.respond(exchange, full(status, answer.body(), headers, bodyless || headRequest));
            return;
        }
        stream(answer, headers);
    }

    private static FullHttpResponse full(int status, byte[] body, HttpHeaders headers, boolean noBody) {
        int length = body == null ? 0 : body.length;
        if (!noBody && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        }
        ByteBuf content = noBody || length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, Responses.status(status), content, headers,
                EmptyHttpHeaders.INSTANCE);
    }

    private void stream(Response answer, HttpHeaders headers) {
        BodyOutputStream out = new BodyOutputStream(exchange, Responses.status(answer.status()), headers);
        try {
            answer.writeBody(out);
            out.finish();
        } catch (Throwable e) {
            AppInvoker.bodyFailed(request, e, out.clientFailed());
            out.abort();
        }
    }
}
