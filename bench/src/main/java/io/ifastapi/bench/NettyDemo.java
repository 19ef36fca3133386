package io.ifastapi.bench;

import io.ifastapi.examples.DemoApp;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.netty.NettyServer;

import java.util.Map;

/**
 * The demo (examples' DemoApp, same routes, same environment variables) served by the Netty adapter instead of
 * Jetty, so that the benchmarks can compare the two adapters on the very same app:
 * {@code java -cp bench/target/benchmarks.jar io.ifastapi.bench.NettyDemo}, or {@code ADAPTER=netty bench/run.sh}.
 */
public final class NettyDemo {
    private NettyDemo() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        DemoApp.create(env).server(NettyServer::start).run(ServerConfig.fromEnvironment(env));
    }
}
