package io.ifastapi.server.netty;

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

/** The module registers its adapter: an app that names no server is served by Netty. */
class NettyServerProviderTest {

    @Test
    void theModuleRegistersNettyWithServiceLoader() {
        assertThat(ServerProviders.available(getClass().getClassLoader()))
                .singleElement().satisfies(provider -> {
                    assertThat(provider).isInstanceOf(NettyServerProvider.class);
                    assertThat(provider.name()).isEqualTo("netty");
                });
    }

    @Test
    void anAppThatNamesNoServerIsServedByNetty() throws Exception {
        var app = new IFastAPI();
        app.get("/", request -> Response.text(Thread.currentThread().isVirtual() ? "virtual" : "platform"));
        Server server = app.start(ServerConfig.defaults().port(0));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            assertThat(server).isInstanceOf(NettyServer.class);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("virtual");
        } finally {
            client.shutdownNow(); // its keep-alive connection would hold the graceful stop
            server.stop();
        }
    }
}
