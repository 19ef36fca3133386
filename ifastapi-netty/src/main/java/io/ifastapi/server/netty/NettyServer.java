package io.ifastapi.server.netty;

import io.ifastapi.http.Handler;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.StartFailures;
import io.ifastapi.server.StopOnce;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The embedded server on Netty, the default adapter ({@code app.run()}), behind the same {@link Server} interface
 * as the Jetty adapter of ifastapi-jetty. Event loops only parse and write (epoll on Linux, NIO elsewhere); every
 * request runs on its own virtual thread, so handlers block as they like.
 *
 * <p>It behaves as the Jetty adapter does, and the core's server test suite checks both: malformed requests get a
 * {@code {"detail"}} JSON 400 (414 for a request line over {@link ServerConfig#maxHeaderBytes()}, 431 for headers
 * over it, 505 for an unknown version) and a closed connection, with Jetty's URI compliance ({@link PathValidator});
 * keep-alive and pipelining per HTTP/1.1; bodies streamed both ways with backpressure; an idle timeout that spares
 * busy handlers; a cached Date header and no Server header; a graceful stop. One difference: a request line without
 * a version (HTTP/0.9) is a 400 here, where Jetty answers 505.
 */
public final class NettyServer implements Server {
    private static final Logger LOG = LoggerFactory.getLogger(NettyServer.class);
    /** After the grace: how long the event loops may take to close connections and run what is queued. */
    private static final long QUIET_PERIOD_MS = 20;
    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final ServerContext context;
    private final EventLoopGroup group;
    private final Channel listener;
    private final String host;
    private final int port;
    private final StopOnce stop;

    private NettyServer(ServerContext context, EventLoopGroup group, Channel listener, String host, int port,
                        Runnable afterStop) {
        this.context = context;
        this.group = group;
        this.listener = listener;
        this.host = host;
        this.port = port;
        this.stop = new StopOnce(afterStop);
    }

    /**
     * Starts serving {@code app}; {@code afterStop} runs once the server has stopped (the app's shutdown hooks). The
     * same contract as {@code JettyServer.start}, so this method is a {@link io.ifastapi.server.ServerFactory}.
     *
     * @throws IllegalStateException when the server cannot listen, e.g. because the port is in use
     */
    public static Server start(Handler app, ServerConfig config, Runnable afterStop) {
        return start(app, config, afterStop, NettyTls.defaultProvider());
    }

    /**
     * This adapter with a chosen TLS engine: {@link SslProvider#OPENSSL} (BoringSSL, needs
     * netty-tcnative-boringssl-static on the class path) or {@link SslProvider#JDK}. {@link #start} picks OpenSSL
     * when it is present, the JDK otherwise.
     */
    public static ServerFactory factory(SslProvider tlsProvider) {
        return (app, config, afterStop) -> start(app, config, afterStop, tlsProvider);
    }

    private static Server start(Handler app, ServerConfig config, Runnable afterStop, SslProvider tlsProvider) {
        // TLS first: a bad certificate or key fails the start before anything listens
        SslContext tls = config.tls() == null ? null : NettyTls.context(config.tls(), config.http2(), tlsProvider);
        Transport transport = Transport.detect();
        // One event loop per core: they only parse and write, the app runs on virtual threads (on as many carriers).
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("ifastapi-netty"), transport.ioHandler());
        ServerContext context = new ServerContext(app, config);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true) // as Jetty: a restart need not wait for TIME_WAIT
                .handler(new ConnectionCap(config.maxConnections()))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new HttpChannelInitializer(context, tls));
        Channel listener;
        try {
            listener = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (Exception e) { // bind failures are thrown as they are, checked or not
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw StartFailures.describe(config, e);
        }
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        NettyServer server = new NettyServer(context, group, listener, config.host(), port, afterStop);
        LOG.info("iFastAPI running on {}://{}:{} (Press CTRL+C to quit) [Netty, {}{}{}]", config.scheme(),
                config.host(), port, transport.name().toLowerCase(java.util.Locale.ROOT),
                tls == null ? "" : ", TLS by " + (tlsProvider == SslProvider.JDK ? "JDK" : "OpenSSL"),
                !config.http2() ? "" : tls != null ? ", h2 + http/1.1" : config.h2c() ? ", h2c + http/1.1" : "");
        return server;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    /**
     * Stops gracefully: closes the listening socket (new connections are refused), answers 503 to new requests on
     * open connections, waits up to the shutdown grace for in-flight requests (their responses say Connection:
     * close), then closes every connection and the event loops. A second caller waits for the first one's stop.
     */
    @Override
    public void stop() {
        stop.stop(() -> {
            long grace = context.config().shutdownGrace().toMillis();
            LOG.info("Shutting down: waiting up to {} ms for in-flight requests", grace);
            context.drain();
            listener.close().awaitUninterruptibly();
            if (!context.inFlight().awaitNone(context.config().shutdownGrace())) {
                LOG.warn("Shutdown grace of {} ms is over with {} requests still in flight; closing their "
                        + "connections", grace, context.inFlight().count());
            }
            // Closes every connection, runs what is queued, then ends the event loop threads.
            group.shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS + 1_000);
        });
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stop.await();
    }
}
