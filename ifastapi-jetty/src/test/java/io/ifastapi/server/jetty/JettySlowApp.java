package io.ifastapi.server.jetty;

import io.ifastapi.server.SlowApp;

/** {@link SlowApp} served by the Jetty adapter, the child JVM of {@link JettySigtermTest}. */
public final class JettySlowApp {
    private JettySlowApp() {
    }

    public static void main(String[] args) {
        SlowApp.serve(JettyServer::start);
    }
}
