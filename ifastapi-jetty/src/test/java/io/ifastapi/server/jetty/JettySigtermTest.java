package io.ifastapi.server.jetty;

import io.ifastapi.server.SigtermTest;

/** The core's {@link SigtermTest}: a real SIGTERM to a child JVM serving with the Jetty adapter. */
class JettySigtermTest extends SigtermTest {
    @Override
    protected Class<?> appMainClass() {
        return JettySlowApp.class;
    }
}
