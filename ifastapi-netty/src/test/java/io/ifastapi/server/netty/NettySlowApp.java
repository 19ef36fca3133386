package io.ifastapi.server.netty;

import io.ifastapi.server.SlowApp;

/** {@link SlowApp} served by the Netty adapter, the child JVM of {@link NettySigtermTest}. */
public final class NettySlowApp {
    private NettySlowApp() {
    }

    public static void main(String[] args) {
        SlowApp.serve(NettyServer::start);
    }
}
