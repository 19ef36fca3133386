package io.ifastapi.server.jetty;

import io.ifastapi.http.Handler;
import io.ifastapi.server.RequestThreads;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.StartFailures;
import io.ifastapi.server.StopOnce;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;

/**
 * The embedded server: Jetty 12's core API (no Servlet API), each request handled on its own virtual thread.
 *
 * <p>Jetty parses HTTP and answers malformed requests itself, before the app sees them, with a {@code {"detail"}}
 * JSON body ({@link JsonErrorHandler}): 400 for a bad request line, header, Host or Content-Length, Content-Length
 * with chunked, a non-token header name (non-ASCII, spaces) or a rejected URI ({@link #URI_COMPLIANCE}); 431 when
 * the headers exceed {@link ServerConfig#maxHeaderBytes()}; 414 when the request line alone does; 505 for a
 * version-less (HTTP/0.9) or unknown version. Bad chunked framing is found while the app reads the body and becomes
 * a 400 there ({@link RequestBodyStream}). Each closes the connection. Jetty also keeps connections alive (HTTP/1.1
 * by default, HTTP/1.0 with {@code Connection: keep-alive}), answers pipelined requests in order, sends a cached
 * Date header (we turn off the Server header), and drains in-flight requests at shutdown (GracefulHandler).
 */
public final class JettyServer implements Server {
    private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

    /**
     * Which "ambiguous" URIs reach the app. Jetty's default (RFC 3986 strict) answers 400 to all of them; we follow
     * uvicorn where the ambiguity is harmless to us and keep the 400 where its only use is an attack. Harmless
     * because the app never uses Jetty's decoded or normalised path: it gets the raw path ({@code url().path()}) and
     * decodes it exactly once ({@code path()}), and routes match that.
     * <ul>
     * <li>{@code /a%2Fb} (AMBIGUOUS_PATH_SEPARATOR): allowed, as in FastAPI: {@code path()} is {@code /a/b}, the raw
     *     path keeps {@code %2F}. Ids with slashes in them need it.
     * <li>{@code //double} (AMBIGUOUS_EMPTY_SEGMENT): allowed; routed as written (usually a 404).
     * <li>{@code /100%25} (AMBIGUOUS_PATH_ENCODING, any encoded '%'): allowed; since we decode once, {@code %25} is
     *     just a literal '%' ({@code /100%}), not the first half of a double-decoding trick.
     * <li>{@code /%2e%2e/}, {@code /..;/} (AMBIGUOUS_PATH_SEGMENT, AMBIGUOUS_PATH_PARAMETER), encoded NUL or
     *     backslash, bad UTF-8: 400. Encoded dot segments have no legitimate use and decode to {@code ..}.
     * </ul>
     * Literal dot segments ({@code /a/../b}) reach the app as written, as with uvicorn, unless they climb above the
     * root ({@code /../x}: 400). Code that maps a path onto files must refuse {@code ..} itself, as Starlette's
     * StaticFiles does.
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("IFASTAPI",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING);

    private final org.eclipse.jetty.server.Server jetty;
    private final String host;
    private final int port; // remembered: once stopping, the connector reports -2
    private final StopOnce stop;

    private JettyServer(org.eclipse.jetty.server.Server jetty, String host, int port, Runnable afterStop) {
        this.jetty = jetty;
        this.host = host;
        this.port = port;
        this.stop = new StopOnce(afterStop);
    }

    /**
     * Starts serving {@code app}; {@code afterStop} runs once the server has stopped (the app's shutdown hooks).
     *
     * @throws IllegalStateException when the server cannot listen, e.g. because the port is in use
     */
    public static Server start(Handler app, ServerConfig config, Runnable afterStop) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("ifastapi");
        // Connections are served on virtual threads; the pool's few platform threads only accept and select. With a
        // virtual-thread executor Jetty also reserves no platform threads for "execute-produce-consume", the mode
        // that would run a blocking handler on a platform thread. Threads are named for logs and thread dumps; a
        // bare factory, not a thread-per-task ExecutorService, which would track every thread in a set for nothing.
        ThreadFactory virtualThreads = RequestThreads.factory();
        pool.setVirtualThreadsExecutor(task -> virtualThreads.newThread(task).start());
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server(pool);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true); // Jetty caches the formatted date, refreshed once a second
        http.setRequestHeaderSize(config.maxHeaderBytes());
        http.setUriCompliance(URI_COMPLIANCE);
        ServerConnector connector = new ServerConnector(jetty, JettyConnectors.factories(config, http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        // As the Netty adapter's SO_BACKLOG: room for clients waiting at maxConnections (Java's default is 50)
        connector.setAcceptQueueSize(1024);
        connector.addEventListener(new HeadDeadline(config, connector.getScheduler()));
        jetty.addConnector(connector);
        jetty.addBean(new LoggedConnectionLimit(config.maxConnections(), connector));

        jetty.setHandler(new GracefulHandler(new JettyAppHandler(app, config)));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(config.shutdownGrace().toMillis());
        jetty.setStopAtShutdown(false); // IFastAPI.run installs its own hook, which also runs the app's shutdown hooks

        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing; the start failure is the one to report
            }
            throw StartFailures.describe(config, e);
        }
        JettyServer server = new JettyServer(jetty, config.host(), connector.getLocalPort(), afterStop);
        LOG.info("iFastAPI running on {}://{}:{} (Press CTRL+C to quit) [Jetty{}]", config.scheme(), server.host(),
                server.port(), !config.http2() ? "" : config.tls() != null ? ", h2 + http/1.1"
                        : config.h2c() ? ", h2c + http/1.1" : "");
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
     * Stops gracefully. Jetty first closes the listening socket (new connections are refused), answers 503 to new
     * requests on open connections and closes idle ones (after 1 s of idleness), waits up to the shutdown grace for
     * in-flight requests, then closes what is left. A second caller waits for the first one's stop to finish.
     */
    @Override
    public void stop() {
        stop.stop(() -> {
            LOG.info("Shutting down: waiting up to {} ms for in-flight requests", jetty.getStopTimeout());
            try {
                jetty.stop(); // an interrupted caller would make Jetty skip the wait: StopOnce clears the flag
            } catch (TimeoutException e) {
                LOG.warn("Shutdown grace of {} ms is over with requests still in flight; their connections were "
                        + "closed", jetty.getStopTimeout());
            } catch (Exception e) {
                LOG.warn("Error while stopping the server: {}", e.toString());
            }
        });
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stop.await();
    }
}
