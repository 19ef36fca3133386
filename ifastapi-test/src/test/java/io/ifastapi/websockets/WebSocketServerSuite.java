package io.ifastapi.websockets;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.middleware.TrustedHostMiddleware;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.WebSocketConfig;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WebSockets over real sockets, run by each adapter module with its server ({@link #factory()}), the JDK's
 * java.net.http.WebSocket as the client (and a raw socket where no client library would misbehave on purpose).
 */
public abstract class WebSocketServerSuite {
    private static final String SECRET = "0123456789abcdef".repeat(4);
    private final List<Server> servers = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();

    /** The adapter under test. */
    protected abstract ServerFactory factory();

    /** True to run every test over TLS: wss:// and https:// with the test certificate (see {@link TlsClients}). */
    protected boolean secure() {
        return false;
    }

    private ServerConfig baseConfig() {
        return secure() ? TlsClients.certificates().serverConfig() : ServerConfig.defaults().port(0);
    }

    /** The JDK client; over TLS it trusts the test certificate and offers HTTP/2 by ALPN for plain requests. */
    private HttpClient httpClient() {
        return secure() ? TlsClients.httpClient(HttpClient.Version.HTTP_2).build() : HttpClient.newHttpClient();
    }

    private String scheme(String plain) {
        return secure() ? plain + "s" : plain;
    }

    private Socket socket(Server server) throws IOException {
        if (!secure()) {
            return new Socket("127.0.0.1", server.port());
        }
        SSLSocket socket = (SSLSocket) TlsClients.certificates().clientContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port());
        // offering http/1.1 by ALPN, as browsers do for wss:// (a server that knew only "HTTP/1.1" dropped them)
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[]{"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    @AfterEach
    void stopAll() {
        clients.forEach(WsClient::close);
        servers.forEach(Server::stop);
    }

    private Server serve(IFastAPI app) {
        return serve(app, WebSocketConfig.defaults());
    }

    private Server serve(IFastAPI app, WebSocketConfig webSockets) {
        Server server = app.server(factory()).start(baseConfig()
                .shutdownGrace(Duration.ofSeconds(5)).webSockets(webSockets));
        servers.add(server);
        return server;
    }

    private WsClient open(Server server, String path, String... headers) {
        return open(server, path, List.of(), headers);
    }

    private WsClient open(Server server, String path, List<String> subprotocols, String... headers) {
        WsClient client = WsClient.open(httpClient(), URI.create(scheme("ws") + "://127.0.0.1:" + server.port() + path), subprotocols, headers);
        clients.add(client);
        return client;
    }

    private static IFastAPI echoApp() {
        var app = new IFastAPI();
        app.websocket("/echo", ws -> {
            ws.accept();
            for (String message : ws.iterText()) {
                ws.sendText(message);
            }
        });
        return app;
    }

    private int handshakeStatus(Server server, String path, String... headers) {
        try {
            open(server, path, headers);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        return 101;
    }

    @Test
    void echoesTextBytesAndJsonInOrder() {
        var app = new IFastAPI();
        app.websocket("/ws", ws -> {
            ws.accept();
            ws.sendText("hello " + ws.receiveText());
            ws.sendBytes(ws.receiveBytes());
            ws.sendJson(Map.of("sum", ((Number) ws.receiveJson(Map.class).get("a")).intValue() + 1));
            for (String message : ws.iterText()) {
                ws.sendText(message);
            }
        });
        WsClient client = open(serve(app), "/ws");
        client.send("you");
        assertThat(client.nextText()).isEqualTo("hello you");
        client.sendBytes(new byte[]{0, 1, (byte) 255});
        assertThat((byte[]) client.next()).containsExactly(0, 1, 255);
        client.send("{\"a\": 41}");
        assertThat(Json.read(client.nextText(), Map.class)).isEqualTo(Map.of("sum", 42));
        for (int i = 0; i < 200; i++) {
            client.send("m" + i);
        }
        for (int i = 0; i < 200; i++) {
            assertThat(client.nextText()).isEqualTo("m" + i);
        }
        String big = "é".repeat(300_000); // 600 KB of UTF-8, several TCP reads
        client.send(big);
        assertThat(client.nextText()).isEqualTo(big);
    }

    @Test
    void fragmentedMessagesAreReassembled() {
        WsClient client = open(serve(echoApp()), "/echo");
        client.socket().sendText("frag", false).join();
        client.socket().sendText("men", false).join();
        client.socket().sendText("ted", true).join();
        assertThat(client.nextText()).isEqualTo("fragmented");
    }

    @Test
    void theHandshakeCarriesPathQueryHeadersAndSubprotocol() {
        var app = new IFastAPI();
        app.websocket("/rooms/{room}", ws -> {
            ws.accept(ws.subprotocols().contains("chat.v1") ? "chat.v1" : null);
            ws.sendJson(Map.of("room", ws.pathParams().get("room"), "q", ws.queryParam("q"),
                    "h", ws.header("x-token"), "url", ws.url().toString().replaceAll(":\\d+/", ":PORT/")));
            ws.close();
        });
        Server server = serve(app);
        WsClient client = open(server, "/rooms/blue?q=1", List.of("chat.v2", "chat.v1"), "X-Token", "t");
        assertThat(client.socket().getSubprotocol()).isEqualTo("chat.v1");
        assertThat(Json.read(client.nextText(), Map.class)).isEqualTo(Map.of("room", "blue", "q", "1", "h", "t",
                "url", scheme("ws") + "://127.0.0.1:PORT/rooms/blue?q=1"));
        assertThat(client.nextClose().code()).isEqualTo(1000);
    }

    @Test
    void refusalsAreHttpAnswersToTheHandshake() throws Exception {
        var app = new IFastAPI();
        app.addMiddleware(TrustedHostMiddleware.builder().allowedHosts("127.0.0.1").build());
        app.websocket("/refuse", ws -> ws.close(1008));
        app.websocket("/ok", ws -> {
            ws.accept();
            ws.close();
        });
        app.get("/http", request -> "http");
        Server server = serve(app);
        assertThat(handshakeStatus(server, "/refuse")).isEqualTo(403);
        assertThat(handshakeStatus(server, "/nowhere")).isEqualTo(403);
        assertThat(handshakeStatus(server, "/http")).isEqualTo(403);
        assertThat(handshakeStatus(server, "/ok")).isEqualTo(101);
        // TrustedHost sees the handshake: a foreign Host is refused before any route runs
        assertThat(rawStatusLine(server, "GET /ok HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")).startsWith("HTTP/1.1 400");
        // plain HTTP never reaches a WebSocket route
        HttpResponse<String> http = httpClient().send(HttpRequest.newBuilder(
                URI.create(scheme("http") + "://127.0.0.1:" + server.port() + "/ok")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(http.statusCode()).isEqualTo(404);
    }

    @Test
    void aHandshakeWithoutAKeyIsA400() throws IOException {
        Server server = serve(echoApp());
        assertThat(rawStatusLine(server, "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")).matches("HTTP/1\\.1 4\\d\\d .*");
    }

    @Test
    void closeCodesTravelBothWays() throws Exception {
        var app = new IFastAPI();
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch gone = new CountDownLatch(1);
        app.websocket("/server-closes", ws -> {
            ws.accept();
            ws.close(4000, "bye now");
        });
        app.websocket("/client-closes", ws -> {
            ws.accept();
            try {
                ws.receiveText();
            } catch (WebSocketDisconnect d) {
                seen.set(d.code());
                gone.countDown();
            }
        });
        app.websocket("/fails", ws -> {
            ws.accept();
            throw new IllegalStateException("handler bug");
        });
        Server server = serve(app);
        assertThat(open(server, "/server-closes").nextClose()).isEqualTo(new WsClient.Closed(4000, "bye now"));
        WsClient client = open(server, "/client-closes");
        client.socket().sendClose(4001, "leaving").join();
        assertThat(gone.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEqualTo(4001);
        assertThat(open(server, "/fails").nextClose().code()).isEqualTo(1011);
    }

    @Test
    void theSessionOfTheCookieIsSeenByTheWebSocket() throws Exception {
        for (SessionMiddleware sessions : List.of(SessionMiddleware.builder().secretKey(SECRET).build(),
                SessionMiddleware.builder().secretKey(SECRET).store(new MemorySessionStore()).build())) {
            var app = new IFastAPI();
            app.addMiddleware(sessions);
            app.get("/set-session", request -> {
                request.session().put("key", "value");
                return Map.of("message", "Session data set");
            });
            app.websocket("/ws", ws -> {
                ws.accept();
                ws.sendJson(Json.object("key", ws.session().get("key")));
                ws.close();
            });
            Server server = serve(app);
            HttpResponse<String> set = httpClient().send(HttpRequest.newBuilder(
                    URI.create(scheme("http") + "://127.0.0.1:" + server.port() + "/set-session")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = set.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            assertThat(open(server, "/ws", "Cookie", cookie).nextText()).isEqualTo("{\"key\":\"value\"}");
            assertThat(open(server, "/ws").nextText()).isEqualTo("{\"key\":null}");
        }
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        var app = new IFastAPI();
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch gone = new CountDownLatch(1);
        app.websocket("/ws", ws -> {
            ws.accept();
            try {
                for (String message : ws.iterText()) {
                    ws.sendText("got " + message.length());
                }
                ws.receiveText();
            } catch (WebSocketDisconnect | IllegalStateException d) {
                gone.countDown();
            }
        });
        app.websocket("/code", ws -> {
            ws.accept();
            try {
                ws.receiveText();
            } catch (WebSocketDisconnect d) {
                seen.set(d.code());
            }
        });
        Server server = serve(app, WebSocketConfig.defaults().maxMessageSize(1000));
        WsClient client = open(server, "/ws");
        client.send("x".repeat(1000));
        assertThat(client.nextText()).isEqualTo("got 1000");
        client.send("x".repeat(1001));
        assertThat(client.nextClose().code()).isEqualTo(1009);

        WsClient fragmented = open(server, "/code");
        fragmented.socket().sendText("x".repeat(600), false).join();
        fragmented.socket().sendText("x".repeat(600), true).join();
        assertThat(fragmented.nextClose().code()).isEqualTo(1009);
        assertThat(gone.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aLiveClientAnswersPingsAndStaysASilentOneIsDropped() throws Exception {
        Server server = serve(echoApp(), WebSocketConfig.defaults().pingInterval(Duration.ofMillis(200))
                .pingTimeout(Duration.ofMillis(500)));
        WsClient live = open(server, "/echo");
        Thread.sleep(1500); // several ping intervals: the JDK client answers each ping with a pong
        live.send("still here");
        assertThat(live.nextText()).isEqualTo("still here");

        try (Socket raw = rawHandshake(server, "/echo")) {
            raw.setSoTimeout(20_000);
            InputStream in = raw.getInputStream();
            assertThat(in.read() & 0x0f).as("the first frame is a ping").isEqualTo(0x9);
            long start = System.nanoTime();
            while (in.read() != -1) {
                // the ping's payload, then the close frame; the server closes once the timeout is over
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aSlowHandlerHoldsTheClientBackWithoutLosingMessages() throws Exception {
        var app = new IFastAPI();
        List<String> got = new CopyOnWriteArrayList<>();
        app.websocket("/slow", ws -> {
            ws.accept();
            Thread.sleep(500); // the inbox (4 messages) fills, the server stops reading
            for (int i = 0; i < 300; i++) {
                got.add(ws.receiveText());
            }
            ws.sendText("got " + got.size());
            ws.close();
        });
        WsClient client = open(serve(app, WebSocketConfig.defaults().maxQueuedMessages(4)), "/slow");
        String payload = "p".repeat(10_000);
        for (int i = 0; i < 300; i++) {
            client.send(i + payload);
        }
        assertThat(client.nextText()).isEqualTo("got 300");
        for (int i = 0; i < 300; i++) {
            assertThat(got.get(i)).startsWith(i + "p");
        }
    }

    @Test
    void stoppingTheServerClosesWebSocketsWith1001() throws Exception {
        var app = new IFastAPI();
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch accepted = new CountDownLatch(1);
        CountDownLatch handlerDone = new CountDownLatch(1);
        app.websocket("/ws", ws -> {
            ws.accept();
            accepted.countDown();
            try {
                ws.receiveText();
            } catch (WebSocketDisconnect d) {
                seen.set(d.code());
                handlerDone.countDown();
                throw d;
            }
        });
        Server server = serve(app);
        WsClient client = open(server, "/ws");
        assertThat(accepted.await(20, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting for the socket's grace")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(client.nextClose().code()).isEqualTo(1001);
        assertThat(handlerDone.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEqualTo(1001);
    }

    private Socket rawHandshake(Server server, String path) throws IOException {
        Socket socket = socket(server);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        return socket;
    }

    private String rawStatusLine(Server server, String request) throws IOException {
        try (Socket socket = socket(server)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readHead(socket.getInputStream()).lines().findFirst().orElse("");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c == -1) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
