package io.ifastapi.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Middleware;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.tls.RawHttp2;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Starlette's cookies (the vectors of {@link StarletteVectorsTest}) sent to a real server running SessionMiddleware
 * with each vector's key and frozen clock, over HTTPS with HTTP/1.1, HTTP/2 chosen by ALPN, and h2c with prior
 * knowledge: the handler reads exactly Starlette's session, refused cookies read as Starlette read them, and the
 * cookie the server mints over each protocol is Starlette's byte for byte and verifies with the vectors' codec.
 * StarletteInteropMiddlewareTest checks the same in process; this checks that no transport changes a byte.
 */
public abstract class StarletteVectorsOverNetworkSuite {
    private static final String VECTOR = "x-vector";

    private final List<Server> servers = new ArrayList<>();
    private final Map<String, Map<String, Object>> seen = new ConcurrentHashMap<>();

    protected abstract ServerFactory serverFactory();

    /** The adapter's HPACK decoder, for the server's header blocks over h2c. */
    protected abstract RawHttp2.HpackFactory hpack();

    /** How a request reaches the server. */
    private enum Transport { HTTPS_HTTP1, HTTPS_H2, H2C }

    @AfterEach
    void stopServers() {
        servers.forEach(Server::stop);
        servers.clear();
    }

    /** Each vector's own SessionMiddleware, chosen per request by the {@value #VECTOR} header. */
    private IFastAPI app(JsonNode vectors) {
        Map<String, SessionMiddleware> byVector = new LinkedHashMap<>();
        Map<String, Map<String, Object>> toWrite = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode vector : vectors.get("valid")) {
            String id = "valid-" + index++;
            byVector.put(id, middleware(vector, vector.get("timestamp").asLong(), Duration.ofDays(14)));
            toWrite.put(id, StarletteVectorsTest.session(vector.get("session")));
        }
        index = 0;
        for (JsonNode vector : vectors.get("invalid")) {
            byVector.put("invalid-" + index++, middleware(vector, vector.get("now").asLong(),
                    Duration.ofSeconds(vector.get("max_age").asLong())));
        }
        IFastAPI app = new IFastAPI();
        app.addMiddleware((Middleware) (request, next) ->
                byVector.get(request.headers().get(VECTOR)).handle(request, next));
        app.get("/read", request -> {
            seen.put(request.headers().get(VECTOR), new LinkedHashMap<>(request.session().asMap()));
            return "read";
        });
        app.post("/write", request -> {
            toWrite.get(request.headers().get(VECTOR)).forEach(request.session()::put);
            return "written";
        });
        return app;
    }

    private static SessionMiddleware middleware(JsonNode vector, long now, Duration maxAge) {
        return SessionMiddleware.builder().secretKey(vector.get("secret_key").asText()).maxAge(maxAge)
                .clock(StarletteVectorsTest.frozenAt(now)).build();
    }

    /** The status and Set-Cookie headers of one request. */
    private record Reply(int status, List<String> setCookies) {
    }

    /** One server per transport; the requests of every vector go to it. */
    private final class Wire implements AutoCloseable {
        private final Transport transport;
        private final Server server;
        private HttpClient client;
        private RawHttp2 h2c;

        Wire(Transport transport, IFastAPI app) {
            this.transport = transport;
            ServerConfig config = transport == Transport.H2C ? ServerConfig.defaults().port(0)
                    : TlsClients.certificates().serverConfig();
            this.server = app.server(serverFactory()).start(config);
            servers.add(server);
        }

        Reply send(String method, String path, String vector, String cookie) throws IOException, InterruptedException {
            if (transport == Transport.H2C) {
                if (h2c == null) {
                    h2c = RawHttp2.connect(hpack(), server.port(), false);
                }
                List<String> headers = new ArrayList<>(List.of(VECTOR, vector));
                if (cookie != null) {
                    headers.addAll(List.of("cookie", "session=" + cookie));
                }
                RawHttp2.Response response = h2c.request(method, path, null, headers.toArray(String[]::new));
                assertThat(response.reset()).as("stream ended by %s", response.reset()).isNull();
                return new Reply(response.status(), response.all("set-cookie"));
            }
            HttpClient.Version version = transport == Transport.HTTPS_H2 ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1;
            if (client == null) {
                client = TlsClients.httpClient(version).build();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(20)).header(VECTOR, vector)
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (cookie != null) {
                request.header("Cookie", "session=" + cookie);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(version);
            return new Reply(response.statusCode(), response.headers().allValues("set-cookie"));
        }

        @Override
        public void close() throws IOException {
            if (client != null) {
                client.close();
            }
            if (h2c != null) {
                h2c.close();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> starletteCookiesOverTlsAndHttp2() throws IOException {
        JsonNode vectors = StarletteVectorsTest.vectors();
        List<DynamicTest> tests = new ArrayList<>();
        for (Transport transport : Transport.values()) {
            tests.add(dynamicTest(transport.name(), () -> {
                try (Wire wire = new Wire(transport, app(vectors))) {
                    checkAll(vectors, wire);
                }
            }));
        }
        return tests.stream();
    }

    private void checkAll(JsonNode vectors, Wire wire) throws IOException, InterruptedException {
        int index = 0;
        for (JsonNode vector : vectors.get("valid")) {
            String id = "valid-" + index++;
            String cookie = vector.get("cookie").asText();
            Map<String, Object> expected = StarletteVectorsTest.session(vector.get("session"));

            Reply read = wire.send("GET", "/read", id, cookie);
            assertThat(read.status()).as(id).isEqualTo(200);
            assertThat(seen.get(id)).as(id).isEqualTo(expected);
            assertThat(seen.get(id).keySet()).as(id).containsExactlyElementsOf(expected.keySet());
            assertThat(read.setCookies()).as("%s: reading is no change", id).isEmpty();

            Reply written = wire.send("POST", "/write", id, null);
            assertThat(written.setCookies()).as(id).containsExactly(vector.get("set_cookie_header").asText());
            String minted = written.setCookies().getFirst();
            minted = minted.substring("session=".length(), minted.indexOf(';'));
            SignedCookieCodec codec = new SignedCookieCodec(List.of(SecretKey.of(vector.get("secret_key").asText())),
                    SignedCookieCodec.DEFAULT_MAX_AGE, StarletteVectorsTest.frozenAt(vector.get("timestamp").asLong()));
            DecodeResult decoded = codec.decode(minted);
            assertThat(decoded.status()).as(id).isEqualTo(DecodeStatus.VALID);
            assertThat(decoded.session()).as(id).isEqualTo(expected);
        }
        index = 0;
        for (JsonNode vector : vectors.get("invalid")) {
            String id = "invalid-" + index++;
            String name = vector.get("name").asText();
            Reply read = wire.send("GET", "/read", id, vector.get("cookie").asText());
            assertThat(read.status()).as(name).isEqualTo(200);
            assertThat(seen.get(id)).as(name).isEqualTo(StarletteVectorsTest.session(vector.get("starlette_session")));
            assertThat(read.setCookies()).as("%s: a refused cookie is not cleared", name).isEmpty();
        }
    }
}
