package io.ifastapi.testclient;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** TestClient's network transports against a real server: each adapter module runs it with its own factory. */
public abstract class TestClientOverNetworkTest {

    /** The adapter under test. */
    protected abstract ServerFactory serverFactory();

    @Test
    void overTheNetworkClosingStopsTheServerAndRunsShutdown() {
        List<String> events = new ArrayList<>();
        var app = new IFastAPI().server(serverFactory());
        app.onStartup(() -> events.add("startup"));
        app.onShutdown(() -> events.add("shutdown"));
        app.get("/", request -> "ok");

        var client = TestClient.overNetwork(app);
        assertThat(client.baseUrl().host()).isEqualTo("127.0.0.1");
        assertThat(client.baseUrl().port()).isPositive();
        assertThat(client.get("/").json(String.class)).isEqualTo("ok");
        client.close();

        assertThat(events).containsExactly("startup", "shutdown");
    }

    @Test
    void forServerTalksToARunningServerAndLeavesItRunning() {
        var app = new IFastAPI().server(serverFactory());
        app.get("/", request -> "ok");
        app.get("/boom", request -> {
            throw new IllegalStateException("stays on the server");
        });
        Server server = app.start(ServerConfig.defaults().port(0));
        try {
            try (var client = TestClient.forServer(server)) {
                assertThat(client.get("/").json(String.class)).isEqualTo("ok");
                assertThat(client.get("/boom").status()).isEqualTo(500);
            }
            try (var again = TestClient.forServer(server)) {
                assertThat(again.get("/").status()).isEqualTo(200);
            }
        } finally {
            server.stop();
        }
    }
}
