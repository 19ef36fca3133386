package io.ifastapi.server;

import io.ifastapi.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded server: Jetty 12's core API (no Servlet API), each request handled on its own virtual thread.
 * Jetty parses HTTP (a malformed request gets its 400 there, before the app sees it), keeps connections alive and
 * drains in-flight requests at shutdown through its GracefulHandler.
 */
public final class JettyServer implements Server {
    private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

    private final org.eclipse.jetty.server.Server jetty;
    private final ServerConnector connector;
    private final Runnable afterStop;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private JettyServer(org.eclipse.jetty.server.Server jetty, ServerConnector connector, Runnable afterStop) {
        this.jetty = jetty;
        this.connector = connector;
        this.afterStop = afterStop;
    }

    /** Starts serving {@code app}; {@code afterStop} runs once the server has stopped (the app's shutdown hooks). */
    public static Server start(Handler app, ServerConfig config, Runnable afterStop) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("ifastapi");
        // Requests run on virtual threads; the pool's platform threads only select and parse.
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("ifastapi-request"));
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server(pool);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(config.maxHeaderBytes());
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        jetty.addConnector(connector);

        GracefulHandler graceful = new GracefulHandler(new JettyAppHandler(app));
        jetty.setHandler(graceful);
        jetty.setStopTimeout(config.shutdownGrace().toMillis());
        jetty.setStopAtShutdown(false); // IFastAPI.run installs its own hook, which also runs the app's shutdown hooks

        JettyServer server = new JettyServer(jetty, connector, afterStop);
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing; the start failure is the one to report
            }
            throw new IllegalStateException("Could not start the server on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage() + (e instanceof java.io.IOException
                    ? " (is another process using the port? set PORT to another one)" : ""), e);
        }
        LOG.info("iFastAPI running on http://{}:{} (Press CTRL+C to quit)", server.host(), server.port());
        return server;
    }

    @Override
    public String host() {
        String host = connector.getHost();
        return host == null ? "0.0.0.0" : host;
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down: waiting up to {} ms for in-flight requests", jetty.getStopTimeout());
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping the server", e);
        } finally {
            try {
                afterStop.run();
            } finally {
                stopped.countDown();
                LOG.info("Server stopped");
            }
        }
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }
}
