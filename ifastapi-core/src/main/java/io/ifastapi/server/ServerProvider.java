package io.ifastapi.server;

/**
 * A server adapter module, found with {@link java.util.ServiceLoader}: each adapter jar (ifastapi-netty,
 * ifastapi-jetty) lists its provider in {@code META-INF/services/io.ifastapi.server.ServerProvider}. An app that
 * calls no {@code app.server(...)} is served by the provider with the highest {@link #priority()} on the class path,
 * so the core imports no server and a Jetty user ships no Netty.
 */
public interface ServerProvider {
    /** A short name for messages and logs, e.g. {@code "netty"}. */
    String name();

    /** Which provider wins when several are on the class path: the highest. Netty's is above Jetty's (the default). */
    int priority();

    /** The adapter's start method, e.g. {@code NettyServer::start}. */
    ServerFactory factory();
}
