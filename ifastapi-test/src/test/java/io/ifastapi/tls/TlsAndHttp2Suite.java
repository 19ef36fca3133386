package io.ifastapi.tls;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.middleware.HTTPSRedirectMiddleware;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.TlsConfig;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS and HTTP/2 over real sockets, run by each adapter: the URL scheme, Secure session cookies, TLS versions,
 * h2 by ALPN (the JDK client and curl), h2c with prior knowledge (curl), streaming over HTTP/2, the flags that turn
 * HTTP/2 off, and a bad certificate or key stopping the start.
 */
public abstract class TlsAndHttp2Suite {
    private final List<Server> servers = new ArrayList<>();

    protected abstract ServerFactory serverFactory();

    /** Whether the adapter switches to h2c on an HTTP/1.1 {@code Upgrade: h2c} request (Jetty does, Netty not). */
    protected abstract boolean upgradesToH2c();

    @AfterEach
    void stopServers() {
        servers.forEach(Server::stop);
        servers.clear();
    }

    private static TestCertificates certs() {
        return TlsClients.certificates();
    }

    private Server serve(IFastAPI app, ServerConfig config) {
        Server server = app.server(serverFactory()).start(config);
        servers.add(server);
        return server;
    }

    private static IFastAPI echoApp() {
        IFastAPI app = new IFastAPI();
        app.get("/url", request -> Map.of("url", request.url().toString(), "scheme", request.url().scheme()));
        app.post("/echo", request -> Response.bytes(request.body(), "application/octet-stream", 200));
        return app;
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String https(Server server, String path) {
        return "https://127.0.0.1:" + server.port() + path;
    }

    @Test
    void requestUrlIsHttpsOverHttp1AndHttp2() throws Exception {
        Server server = serve(echoApp(), certs().serverConfig());
        for (HttpClient.Version version : HttpClient.Version.values()) {
            try (HttpClient client = TlsClients.httpClient(version).build()) {
                HttpResponse<String> response = get(client, https(server, "/url?a=1"));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.version()).as("ALPN picks what the client asked for").isEqualTo(version);
                assertThat(response.body()).contains("\"scheme\":\"https\"")
                        .contains("https://127.0.0.1:" + server.port() + "/url?a=1");
            }
        }
    }

    @Test
    void keyStoreServesAsPemDoes() throws Exception {
        Server server = serve(echoApp(), ServerConfig.defaults().port(0)
                .tls(TlsConfig.keyStore(certs().keyStore(), TestCertificates.PASSWORD)));
        try (HttpClient client = TlsClients.httpClient(HttpClient.Version.HTTP_2).build()) {
            assertThat(get(client, https(server, "/url")).body()).contains("\"scheme\":\"https\"");
        }
    }

    @Test
    void onlyTls12And13AreServed() throws Exception {
        Server server = serve(echoApp(), certs().serverConfig());
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (HttpClient client = TlsClients.httpClient(HttpClient.Version.HTTP_1_1)
                    .sslParameters(new SSLParameters(null, new String[]{protocol})).build()) {
                assertThat(get(client, https(server, "/url")).statusCode()).as(protocol).isEqualTo(200);
            }
        }
        try (HttpClient client = TlsClients.httpClient(HttpClient.Version.HTTP_1_1)
                .sslParameters(new SSLParameters(null, new String[]{"TLSv1.1"})).build()) {
            assertThatThrownBy(() -> get(client, https(server, "/url"))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void cbcAndSha1SuitesAreRefused() throws Exception {
        Server server = serve(echoApp(), certs().serverConfig());
        String url = https(server, "/url");
        String ca = certs().certFile().toString();
        Curl.Result weak = Curl.run("--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-SHA",
                "--cacert", ca, url);
        assertThat(weak.exitCode()).as("handshake with a CBC/SHA-1 suite only").isNotZero();
        Curl.Result modern = Curl.run("--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256",
                "--cacert", ca, url);
        assertThat(modern.exitCode()).isZero();
        assertThat(modern.body()).contains("\"scheme\":\"https\"");
    }

    @Test
    void httpsOnlySessionCookieIsSecureAndComesBack() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey("tls-suite-secret-key-0123456789abcdef")
                .httpsOnly(true).build());
        app.get("/counter", request -> {
            long n = request.session().getLong("n", 0) + 1;
            request.session().put("n", n);
            return Map.of("n", n);
        });
        for (TestClient.Builder builder : List.of(TlsClients.https(app), TlsClients.http2(app))) {
            try (TestClient client = builder.build()) {
                TestResponse first = client.get("/counter");
                assertThat(first.headers().get("set-cookie")).contains("; secure").contains("session=");
                assertThat(client.get("/counter").json()).isEqualTo(Map.of("n", 2));
            }
        }
    }

    @Test
    void httpsRedirectMiddlewareLetsHttpsThrough() {
        IFastAPI app = echoApp();
        app.addMiddleware(new HTTPSRedirectMiddleware());
        try (TestClient client = TlsClients.http2(app).followRedirects(false).build()) {
            TestResponse response = client.get("/url");
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void requestBodiesOverHttp2() throws Exception {
        Server server = serve(echoApp(), certs().serverConfig());
        byte[] body = new byte[300_000]; // several DATA frames and flow-control windows
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        try (HttpClient client = TlsClients.httpClient(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(https(server, "/echo")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).isEqualTo(body);
        }
    }

    @Test
    void streamedResponseArrivesPieceByPieceOverHttp2() throws Exception {
        CountDownLatch firstReceived = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.get("/stream", request -> Response.stream("text/plain", out -> {
            out.write("first\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                if (!firstReceived.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the client never saw the first piece");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            out.write("second\n".getBytes(StandardCharsets.UTF_8));
        }));
        Server server = serve(app, certs().serverConfig());
        try (HttpClient client = TlsClients.httpClient(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(https(server, "/stream")))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            try (InputStream in = response.body()) {
                byte[] first = in.readNBytes(6);
                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first\n");
                firstReceived.countDown();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second\n");
            }
        }
    }

    @Test
    void http2CanBeTurnedOff() throws Exception {
        Server server = serve(echoApp(), certs().serverConfig().http2(false));
        try (HttpClient client = TlsClients.httpClient(HttpClient.Version.HTTP_2).build()) {
            assertThat(get(client, https(server, "/url")).version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
        assertThat(Curl.run("--http2", "--cacert", certs().certFile().toString(), https(server, "/url")).version())
                .isEqualTo("1.1");
    }

    @Test
    void curlHttp2OverTls() throws Exception {
        Server server = serve(echoApp(), certs().serverConfig());
        Curl.Result result = Curl.run("--http2", "--cacert", certs().certFile().toString(), https(server, "/url"));
        assertThat(result.version()).isEqualTo("2");
        assertThat(result.body()).contains("\"scheme\":\"https\"");
    }

    @Test
    void h2cWithPriorKnowledgeOnAPlainPort() throws Exception {
        Server server = serve(echoApp(), ServerConfig.defaults().port(0));
        String url = "http://127.0.0.1:" + server.port() + "/url";
        Curl.Result h2c = Curl.run("--http2-prior-knowledge", url);
        assertThat(h2c.version()).isEqualTo("2");
        assertThat(h2c.body()).contains("\"scheme\":\"http\"");
        Curl.Result http1 = Curl.run("--http1.1", url);
        assertThat(http1.version()).isEqualTo("1.1");
        assertThat(http1.body()).contains("\"scheme\":\"http\"");
    }

    @Test
    void streamedAndHeadResponsesOverCurlH2c() throws Exception {
        IFastAPI app = echoApp();
        app.get("/stream", request -> Response.stream("text/plain", out -> {
            for (int i = 0; i < 3; i++) {
                out.write(("part " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }));
        Server server = serve(app, ServerConfig.defaults().port(0));
        String base = "http://127.0.0.1:" + server.port();
        // curl refuses HTTP/1-only headers (Transfer-Encoding, Connection) in an HTTP/2 response
        Curl.Result streamed = Curl.run("--http2-prior-knowledge", base + "/stream");
        assertThat(streamed.exitCode()).isZero();
        assertThat(streamed.version()).isEqualTo("2");
        assertThat(streamed.body()).isEqualTo("part 0\npart 1\npart 2\n");
        Curl.Result head = Curl.run("--http2-prior-knowledge", "--head", base + "/url");
        assertThat(head.exitCode()).isZero();
        assertThat(head.body()).startsWith("HTTP/2 200").contains("content-length:");
    }

    @Test
    void h2cUpgradeFromHttp1() throws Exception {
        Server server = serve(echoApp(), ServerConfig.defaults().port(0));
        Curl.Result result = Curl.run("--http2", "http://127.0.0.1:" + server.port() + "/url"); // Upgrade: h2c
        assertThat(result.exitCode()).isZero();
        assertThat(result.body()).contains("\"scheme\":\"http\"");
        assertThat(result.version()).isEqualTo(upgradesToH2c() ? "2" : "1.1");
    }

    @Test
    void anIdleHttp2ConnectionIsClosed() throws Exception {
        Server server = serve(echoApp(), ServerConfig.defaults().port(0).idleTimeout(Duration.ofMillis(500)));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // h2c preface
            out.write(new byte[]{0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // the server's SETTINGS, its ACK, then GOAWAY when the idle timeout closes the connection
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void h2cCanBeTurnedOff() throws Exception {
        Server server = serve(echoApp(), ServerConfig.defaults().port(0).h2c(false));
        Curl.Result result = Curl.run("--http2-prior-knowledge", "http://127.0.0.1:" + server.port() + "/url");
        assertThat(result.version()).isNotEqualTo("2");
    }

    @Test
    void aMissingKeyFileStopsTheStartWithTheFix() {
        ServerConfig config = ServerConfig.defaults().port(0).tls(TlsConfig.pem(certs().certFile(),
                Path.of("/nonexistent/key.pem")));
        assertThatThrownBy(() -> serve(echoApp(), config))
                .hasMessageContaining("/nonexistent/key.pem").hasMessageContaining("does not exist");
    }

    @Test
    void aKeyOfAnotherCertificateStopsTheStart() throws IOException {
        TestCertificates other = TestCertificates.rsa(java.nio.file.Files.createTempDirectory("ifastapi-tls-other"));
        ServerConfig config = ServerConfig.defaults().port(0).tls(TlsConfig.pem(certs().certFile(), other.keyFile()));
        assertThatThrownBy(() -> serve(echoApp(), config)).hasMessageContaining("does not belong to the certificate");
    }
}
