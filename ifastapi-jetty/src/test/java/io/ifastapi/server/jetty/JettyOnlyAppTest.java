package io.ifastapi.server.jetty;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerProviders;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Jetty-only app, as a user who depends on ifastapi-jetty alone has it: this module's test class path is exactly
 * that (core + Jetty, no Netty), so no Netty class can be loaded, and an app that names no server is served by
 * Jetty, found with ServiceLoader.
 */
class JettyOnlyAppTest {

    @Test
    void noNettyClassIsLoadable() {
        assertThatThrownBy(() -> Class.forName("io.netty.channel.EventLoopGroup"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.ifastapi.server.netty.NettyServer"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theOnlyProviderIsJetty() {
        assertThat(ServerProviders.available(getClass().getClassLoader()))
                .singleElement().isInstanceOf(JettyServerProvider.class);
    }

    @Test
    void anAppThatNamesNoServerIsServedByJetty() throws Exception {
        var app = new IFastAPI();
        app.get("/hello", request -> Response.json(java.util.Map.of("message", "hello")));
        Server server = app.start(ServerConfig.defaults().port(0));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            assertThat(server).isInstanceOf(JettyServer.class);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/hello")).timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"message\":\"hello\"}");
        } finally {
            client.shutdownNow(); // its keep-alive connection would hold the graceful stop
            server.stop();
        }
    }
}
