package io.ifastapi.server;

/**
 * A running HTTP server. The core knows servers only through this interface, so the app can be served by another
 * adapter (or by none, in-process, through TestClient) without changing.
 */
public interface Server extends AutoCloseable {
    /** The bound address, e.g. 127.0.0.1 */
    String host();

    /** The bound port (the real one when the config asked for port 0). */
    int port();

    /**
     * Stops gracefully: stops accepting connections, lets in-flight requests finish (up to the configured grace
     * period), then closes everything and runs the app's shutdown hooks. Safe to call more than once and from several
     * threads: the first call stops the server, the others wait until it has stopped.
     */
    void stop();

    /** Blocks until the server has stopped. */
    void awaitStop() throws InterruptedException;

    @Override
    default void close() {
        stop();
    }
}
