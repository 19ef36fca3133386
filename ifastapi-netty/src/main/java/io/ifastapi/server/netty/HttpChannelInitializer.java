package io.ifastapi.server.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of each accepted connection: the idle timer (socket side, so that any byte in or out counts as
 * activity), Netty's HTTP/1.1 decoder and encoder with the limits and strictness of the Jetty adapter (the decoder
 * pauses while a pipelined request waits: {@link RequestDecoder}), and the connection itself.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    /** Larger than Netty's 8 KiB default: fewer, larger body chunks for uploads. */
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final ServerContext server;
    private final HttpDecoderConfig decoder;
    private final long idleTimeoutMillis;

    HttpChannelInitializer(ServerContext server) {
        this.server = server;
        int maxHeaderBytes = server.config().maxHeaderBytes();
        this.decoder = new HttpDecoderConfig()
                // As Jetty: a request line over the header limit is a 414, headers over it a 431.
                .setMaxInitialLineLength(maxHeaderBytes)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxChunkSize(MAX_CHUNK_SIZE)
                // RFC 9112 framing: Content-Length together with Transfer-Encoding (request smuggling) and a final
                // coding other than chunked are refused, as Jetty refuses them.
                .setUseRfc9112TransferEncoding(true);
        this.idleTimeoutMillis = server.config().idleTimeout().toMillis();
    }

    @Override
    protected void initChannel(Channel channel) {
        if (idleTimeoutMillis > 0) { // as Jetty, 0 means no idle timeout
            channel.pipeline().addLast("idle",
                    new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
        }
        HttpConnection connection = new HttpConnection(server);
        RequestDecoder requests = new RequestDecoder(decoder, connection);
        ResponseEncoder responses = new ResponseEncoder();
        connection.codec(requests, responses);
        channel.pipeline()
                .addLast("encoder", responses)
                .addLast("decoder", requests)
                .addLast("app", connection);
    }
}
