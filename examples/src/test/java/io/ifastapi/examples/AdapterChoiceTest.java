package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerProvider;
import io.ifastapi.server.ServerProviders;
import io.ifastapi.server.jetty.JettyServer;
import io.ifastapi.server.netty.NettyServer;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with both adapters on the class path (ifastapi-standard brings Netty; this module's tests add
 * ifastapi-jetty): Netty is chosen, and app.server(...) still picks Jetty.
 */
class AdapterChoiceTest {
    private static final Map<String, String> ENV = Map.of("SECRET_KEY", "demo-app-test-secret-0123456789abcdef0123456789",
            "SESSION_BACKEND", "cookie");

    @Test
    void bothAdaptersAreFoundAndNettyIsPreferred() {
        assertThat(ServerProviders.available(getClass().getClassLoader())).extracting(ServerProvider::name)
                .containsExactly("netty", "jetty");
    }

    @Test
    void theDemoIsServedByNettyUnlessToldOtherwise() {
        assertServedBy(DemoApp.create(ENV), NettyServer.class);
        assertServedBy(DemoApp.create(ENV).server(JettyServer::start), JettyServer.class);
    }

    private static void assertServedBy(IFastAPI app, Class<? extends Server> adapter) {
        Server server = app.start(ServerConfig.defaults().port(0));
        try (TestClient client = TestClient.forServer(server)) {
            assertThat(server).isInstanceOf(adapter);
            assertThat(client.get("/hello").json()).containsEntry("message", "hello");
        } finally {
            server.stop();
        }
    }
}
