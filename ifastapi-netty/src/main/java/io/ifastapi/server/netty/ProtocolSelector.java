package io.ifastapi.server.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * After the TLS handshake: HTTP/2 when the client chose h2 by ALPN, HTTP/1.1 otherwise (no ALPN, or http/1.1).
 * Until then it is the end of the pipeline, so it closes a connection that stays idle during the handshake (a
 * client that opens TLS and never finishes it): closed by the idle timeout, as Jetty does, not only by the TLS
 * handshake timeout.
 */
final class ProtocolSelector extends ApplicationProtocolNegotiationHandler {
    private final HttpChannelInitializer pipelines;

    ProtocolSelector(HttpChannelInitializer pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.http2(ctx.pipeline());
        } else {
            pipelines.http1(ctx.channel());
        }
    }
}
