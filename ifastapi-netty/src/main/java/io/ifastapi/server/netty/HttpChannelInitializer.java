package io.ifastapi.server.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of each accepted connection: the idle timer (socket side, so that any byte in or out counts as
 * activity), TLS when configured, then the protocol. HTTP/1.1: Netty's decoder and encoder with the limits and
 * strictness of the Jetty adapter (the decoder pauses while a pipelined request waits: {@link RequestDecoder}), and
 * the connection itself. HTTP/2 (chosen by ALPN over TLS, or by the client preface on a plain port): Netty's frame
 * codec and multiplexer, each stream a child channel that turns its frames into the HTTP/1 objects an
 * {@link HttpConnection} of its own handles, so both protocols share one request path.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    /** Larger than Netty's 8 KiB default: fewer, larger body chunks for uploads. */
    private static final int MAX_CHUNK_SIZE = 64 * 1024;
    /** Concurrent streams per HTTP/2 connection, as Jetty's default (128); nginx allows 128 too. */
    private static final int MAX_CONCURRENT_STREAMS = 128;
    /**
     * Rapid reset (CVE-2023-44487, and CVE-2025-55163 "MadeYouReset" for resets the server is made to send): at most
     * this many RST_STREAM frames per {@link #RST_WINDOW_SECONDS} on one connection, then GOAWAY
     * ENHANCE_YOUR_CALM and the connection is closed. Netty's defaults, stated so that they stay on.
     */
    private static final int MAX_RST_FRAMES_PER_WINDOW = 200;
    private static final int RST_WINDOW_SECONDS = 30;
    /**
     * SETTINGS and PING floods (CVE-2019-9512, CVE-2019-9515): control-frame answers queued for a client that does
     * not read them; past this many the connection is closed. Netty's default.
     */
    private static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;
    /**
     * CONTINUATION floods (CVE-2024-27316 and its kin): a header block is bounded by SETTINGS_MAX_HEADER_LIST_SIZE,
     * and endless small or empty CONTINUATION frames, which add nothing to count, by this many in a row. Netty's
     * default.
     */
    private static final int MAX_SMALL_CONTINUATION_FRAMES = 16;
    /** Empty DATA frames in a row (CVE-2019-9518), then the connection is closed. Netty's default. */
    private static final int MAX_CONSECUTIVE_EMPTY_DATA_FRAMES = 2;

    private final ServerContext server;
    private final HttpDecoderConfig decoder;
    private final long idleTimeoutMillis;
    /** Null: plain HTTP. */
    private final SslContext tls;
    private final boolean http2;
    private final boolean h2c;

    HttpChannelInitializer(ServerContext server, SslContext tls) {
        this.server = server;
        this.tls = tls;
        this.http2 = server.config().http2();
        this.h2c = http2 && server.config().h2c();
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
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
            if (http2) {
                channel.pipeline().addLast("alpn", new ProtocolSelector(this));
            } else {
                http1(channel);
            }
        } else if (h2c) {
            channel.pipeline().addLast("h2c-detector", new PriorKnowledgeDetector(this,
                    server.config().headTimeout().toNanos()));
        } else {
            http1(channel);
        }
    }

    /** Ends the pipeline with HTTP/1.1. */
    void http1(Channel channel) {
        HttpConnection connection = new HttpConnection(server, false);
        RequestDecoder requests = new RequestDecoder(decoder, connection);
        ResponseEncoder responses = new ResponseEncoder();
        connection.codec(requests, responses);
        channel.pipeline()
                .addLast("encoder", responses)
                .addLast("decoder", requests)
                .addLast("app", connection);
    }

    /** Ends the pipeline with HTTP/2: one child channel, and one {@link HttpConnection}, per stream. */
    void http2(ChannelPipeline pipeline) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        // HPACK counts 32 bytes per field on top of names and values: twice the HTTP/1 limit
                        .maxHeaderListSize(2L * server.config().maxHeaderBytes()))
                .validateHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RST_FRAMES_PER_WINDOW, RST_WINDOW_SECONDS)
                .encoderEnforceMaxRstFramesPerWindow(MAX_RST_FRAMES_PER_WINDOW, RST_WINDOW_SECONDS)
                .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
                .decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATION_FRAMES)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_CONSECUTIVE_EMPTY_DATA_FRAMES)
                .build();
        pipeline.addLast("h2", codec)
                .addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline()
                                .addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true))
                                .addLast("app", new HttpConnection(server, true));
                    }
                }))
                .addLast("h2-idle", new Http2IdleCloser(codec));
    }
}
