package io.ifastapi.server.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * After the TLS handshake: HTTP/2 when the client chose h2 by ALPN, HTTP/1.1 otherwise (no ALPN, or http/1.1).
 */
final class ProtocolSelector extends ApplicationProtocolNegotiationHandler {
    private final HttpChannelInitializer pipelines;

    ProtocolSelector(HttpChannelInitializer pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
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
