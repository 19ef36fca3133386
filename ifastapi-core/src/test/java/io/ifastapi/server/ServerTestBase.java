package io.ifastapi.server;

import io.ifastapi.IFastAPI;
import org.junit.jupiter.api.AfterEach;
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
 */
@Timeout(30)
abstract class ServerTestBase {
    final IFastAPI app = new IFastAPI();
    Server server;
    HttpClient client;

    Server start() {
        server = app.start(ServerConfig.defaults().port(0));
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

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    RawHttp raw() throws IOException {
        return new RawHttp(server.port());
    }
}
