package io.ifastapi.server;

import io.ifastapi.IFastAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where app.run() listens: defaults, HOST and PORT, and the errors when that cannot work. */
public abstract class ServerConfigTest {

    /** The adapter whose start failure is checked: each adapter module's subclass gives its own. */
    protected abstract ServerFactory serverFactory();

    @Test
    void defaultsAreLoopbackPort8000() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void hostAndPortFromTheEnvironment() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("HOST", " 0.0.0.0 ", "PORT", " 9001 "));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9001);
        assertThat(ServerConfig.fromEnvironment(Map.of("PORT", "0")).port()).isZero();
    }

    @Test
    void blankValuesAreIgnored() {
        assertThat(ServerConfig.fromEnvironment(Map.of("HOST", " ", "PORT", ""))).isEqualTo(ServerConfig.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "80.5", "-1", "65536", "99999999999", "8000x"})
    void invalidPortIsAClearError(String port) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", port)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PORT must be a number from 0 to 65535")
                .hasMessageContaining("'" + port + "'");
    }

    @Test
    void portInUseIsAClearError() throws Exception {
        AtomicInteger shutdownHookRuns = new AtomicInteger();
        IFastAPI app = new IFastAPI().server(serverFactory()).onShutdown(shutdownHookRuns::incrementAndGet);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> app.start(ServerConfig.defaults().port(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port + " is already in use")
                    .hasMessageContaining("PORT=")
                    .hasMessageContaining("port 0");
        }
        assertThat(shutdownHookRuns).as("the failed start undid the startup").hasValue(1);
        // The app is usable again once the port is free.
        Server server = app.start(ServerConfig.defaults().port(0));
        server.stop();
    }
}
