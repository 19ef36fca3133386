package io.ifastapi.server;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The core's test class path has no server adapter, as an app that forgot to add one: building the app works, and
 * starting it fails with a message naming the artifacts to add.
 */
class NoServerAdapterTest {

    @Test
    void theCoreSeesNoAdapter() {
        assertThat(ServerProviders.available(getClass().getClassLoader())).isEmpty();
        assertThatThrownBy(() -> Class.forName("io.netty.channel.EventLoopGroup"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.eclipse.jetty.server.Server"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void anAppIsBuiltWithoutAnAdapter() {
        var app = new IFastAPI();
        app.get("/", request -> Response.text("ok"));

        assertThat(app.serverFactory()).isNotNull();
        assertThat(app.router().routes()).hasSize(1);
    }

    @Test
    void startingWithoutAnAdapterNamesTheArtifactsToAdd() {
        List<String> events = new ArrayList<>();
        var app = new IFastAPI();
        app.onShutdown(() -> events.add("shutdown"));

        assertThatThrownBy(() -> app.start(ServerConfig.defaults().port(0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No server adapter on the class path")
                .hasMessageContaining("io.ifastapi:ifastapi-standard")
                .hasMessageContaining("io.ifastapi:ifastapi-netty")
                .hasMessageContaining("io.ifastapi:ifastapi-jetty");
        assertThat(events).as("the app is shut down again").containsExactly("shutdown");
    }

    @Test
    void runFailsAlike() {
        assertThatThrownBy(() -> new IFastAPI().run("127.0.0.1", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.ifastapi:ifastapi-standard");
    }
}
