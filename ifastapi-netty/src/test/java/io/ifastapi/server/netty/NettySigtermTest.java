package io.ifastapi.server.netty;

import io.ifastapi.server.SigtermTest;

/** The shared {@link SigtermTest}: a real SIGTERM to a child JVM serving with the Netty adapter. */
class NettySigtermTest extends SigtermTest {
    @Override
    protected Class<?> appMainClass() {
        return NettySlowApp.class;
    }
}
