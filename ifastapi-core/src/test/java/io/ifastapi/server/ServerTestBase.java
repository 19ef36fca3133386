package io.ifastapi.server;

import io.ifastapi.IFastAPI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An app served on 127.0.0.1 and an ephemeral port, stopped after each test. Tests add routes to {@link #app}, then
 * call {@link #start()}. Every test is bounded in time.
 *
 * <p>The server suite is shared by every adapter: the core has none, so these classes are abstract, and each
 * adapter's module runs them all by subclassing each test class and implementing {@link #serverFactory()}
 * (ifastapi-netty's {@code NettyKeepAliveTest extends KeepAliveTest}, ifastapi-jetty's {@code JettyKeepAliveTest}).
 */
@Timeout(30)
public abstract class ServerTestBase {
    protected final IFastAPI app = new IFastAPI();
    protected Server server;
    protected HttpClient client;

    /** The adapter under test; also what {@code app.start} and {@code app.run} use in these tests. */
    protected abstract ServerFactory serverFactory();

    @BeforeEach
    void useTheAdapterUnderTest() {
        app.server(serverFactory());
    }

    protected Server start() {
        return start(ServerConfig.defaults().port(0));
    }

    protected Server start(ServerConfig config) {
        server = app.start(config);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt: we test HTTP/1.1
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return server;
    }

    @AfterEach
    void stopServer() {
        if (client != null) {
            client.shutdownNow(); // closes its keep-alive connections, so the server's stop need not wait for them
        }
        if (server != null) {
            server.stop();
        }
    }

    protected URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    protected HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    protected HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected RawHttp raw() throws IOException {
        return new RawHttp(server.port());
    }
}
