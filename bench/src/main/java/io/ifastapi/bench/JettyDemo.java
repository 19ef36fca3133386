package io.ifastapi.bench;

import io.ifastapi.examples.DemoApp;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.jetty.JettyServer;

import java.util.Map;

/**
 * The demo (examples' DemoApp, same routes, same environment variables) served by the Jetty adapter instead of the
 * default Netty, so that the benchmarks can compare the two adapters on the very same app:
 * {@code java -cp bench/target/benchmarks.jar io.ifastapi.bench.JettyDemo}, or {@code ADAPTER=jetty bench/run.sh}.
 */
public final class JettyDemo {
    private JettyDemo() {
    }

    public static void main(String[] args) {
        io.ifastapi.server.RequestThreads.oneCarrierOnSmallMachines(); // as the demo's own main
        Map<String, String> env = System.getenv();
        DemoApp.create(env).server(JettyServer::start).run(ServerConfig.fromEnvironment(env));
    }
}
