package io.ifastapi.bench;

import io.ifastapi.IFastAPI;
import io.ifastapi.examples.DemoApp;
import io.ifastapi.server.RequestThreads;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.jetty.JettyServer;

import java.util.Map;

/**
 * The demo (examples' DemoApp, same routes, same environment variables) on either adapter, ADAPTER=netty (default)
 * or jetty, with MAX_CONNECTIONS when set. The server's own default cap is 3/4 of the open-files limit (15,000 at
 * 20,000), below what bench/ws-growth.sh holds open; this launcher lets it go up to the limit itself:
 * {@code ADAPTER=jetty MAX_CONNECTIONS=19500 java -cp bench/target/benchmarks.jar io.ifastapi.bench.DemoServer}.
 */
public final class DemoServer {
    private DemoServer() {
    }

    public static void main(String[] args) {
        RequestThreads.oneCarrierOnSmallMachines(); // as the demo's own main
        Map<String, String> env = System.getenv();
        IFastAPI app = DemoApp.create(env);
        String adapter = env.getOrDefault("ADAPTER", "netty").trim();
        switch (adapter) {
            case "netty" -> { } // the default provider
            case "jetty" -> app.server(JettyServer::start);
            default -> throw new IllegalArgumentException("ADAPTER must be netty or jetty, got '" + adapter + "'");
        }
        ServerConfig config = ServerConfig.fromEnvironment(env);
        String max = env.get("MAX_CONNECTIONS");
        if (max != null && !max.isBlank()) {
            config = config.maxConnections(Integer.parseInt(max.trim()));
        }
        app.run(config);
    }
}
