package io.ifastapi.tls;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.sessions.SessionMiddleware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack cases of HTTP/1.1 (slow clients, malformed and oversized requests) over TLS and HTTP/2, and the
 * attacks HTTP/2 adds, each against a real server of the adapter: a TLS handshake never finished, slowloris over
 * TLS, malformed and oversized requests over h2, rapid reset (CVE-2023-44487), CONTINUATION floods
 * (CVE-2024-27316), more streams than SETTINGS_MAX_CONCURRENT_STREAMS, SETTINGS and PING floods. Each checks that
 * the attacking connection is answered with a 4xx or ended (a stream or connection error), never a 500, and that the
 * server goes on answering other clients. "tls" runs h2 chosen by ALPN on a TLS port; otherwise h2c with prior
 * knowledge on a plain port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class Http2AttackSuite {
    /** HTTP/2 error codes (RFC 9113 section 7). */
    private static final int PROTOCOL_ERROR = 0x1;
    private static final int CANCEL = 0x8;

    private final List<Server> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    protected abstract ServerFactory serverFactory();

    /** The adapter's HPACK decoder, for the server's header blocks. */
    protected abstract RawHttp2.HpackFactory hpack();

    private RawHttp2 connect(int port, boolean tls) throws IOException {
        return RawHttp2.connect(hpack(), port, tls);
    }

    @AfterEach
    void stopServers() {
        release.countDown();
        servers.forEach(Server::stop);
        servers.clear();
    }

    private IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey("attack-suite-secret-key-0123456789abcdef").build());
        app.get("/ok", request -> Response.text("ok"));
        app.get("/session", request -> Map.of("keys", request.session().asMap().keySet()));
        app.post("/json", request -> Map.of("received", request.json()));
        app.post("/echo", request -> Response.bytes(request.body(), "application/octet-stream", 200));
        app.get("/slow", request -> {
            release.await(20, TimeUnit.SECONDS);
            return Response.text("late");
        });
        return app;
    }

    private Server serve(ServerConfig config) {
        Server server = app().server(serverFactory()).start(config);
        servers.add(server);
        return server;
    }

    private Server serve(boolean tls) {
        return serve(config(tls));
    }

    private static ServerConfig config(boolean tls) {
        return tls ? TlsClients.certificates().serverConfig() : ServerConfig.defaults().port(0);
    }

    /** Another client, on a new connection, still gets its 200 over h2. */
    private void othersAreServed(Server server, boolean tls) throws IOException {
        try (RawHttp2 other = connect(server.port(), tls)) {
            RawHttp2.Response response = other.request("GET", "/ok", null);
            assertThat(response.status()).as("another client, after the attack").isEqualTo(200);
            assertThat(response.text()).isEqualTo("ok");
        }
    }

    /** A 4xx, or the stream or connection ended by an error: anything but a 5xx or a success. */
    private static void refused(String what, RawHttp2.Response response) {
        if (response.reset() != null) {
            assertThat(response.status()).as(what).isLessThan(500);
        } else {
            assertThat(response.status()).as(what + ": " + response.text()).isBetween(400, 499);
        }
    }

    /** Writes with the server possibly closing mid-way: true when it did. */
    private interface Flood {
        void write() throws IOException;
    }

    private static boolean closedWhileWriting(Flood flood) {
        try {
            flood.write();
            return false;
        } catch (IOException closedByTheServer) {
            return true;
        }
    }

    /** The connection is ended by the server: its GOAWAY, a close, or a reset seen while writing. */
    private static void ended(RawHttp2 connection, boolean closedWhileWriting, long millis) throws IOException {
        if (closedWhileWriting) {
            return;
        }
        RawHttp2.Frame goAway = connection.awaitEnd(millis);
        if (goAway != null) {
            assertThat(goAway.errorCode()).as("GOAWAY error code").isNotZero();
        }
    }

    // --- TLS ---------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} bytes of a ClientHello")
    @ValueSource(ints = {0, 5})
    void aTlsHandshakeNeverFinishedIsClosedByTheIdleTimeout(int helloBytes) throws IOException {
        Server server = serve(TlsClients.certificates().serverConfig().idleTimeout(Duration.ofSeconds(1)));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            // a TLS record header announcing a 512-byte handshake message that never comes
            socket.getOutputStream().write(new byte[]{0x16, 0x03, 0x01, 0x02, 0x00}, 0, helloBytes);
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            othersAreServed(server, true);
            InputStream in = socket.getInputStream();
            try {
                while (in.read() != -1) {
                    // an alert, perhaps, then the close
                }
            } catch (java.net.SocketException reset) {
                // closed by a reset: closed all the same
            }
            // the idle timeout (1 s), well before Netty's 10 s TLS handshake timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void slowlorisOverTlsIsClosedByTheHeadTimeout() throws Exception {
        Server server = serve(TlsClients.certificates().serverConfig().headTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(30)));
        try (SSLSocket socket = (SSLSocket) TlsClients.certificates().clientContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("GET /ok HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try { // a header line every 200 ms: each byte restarts an idle timer, not the head deadline
                    for (int i = 0; i < 100; i++) {
                        out.write(("X-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed the connection: expected
                }
            });
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(answer).as("closed by headTimeout, not the idle timeout").startsWith("HTTP/1.1 408");
            trickle.interrupt();
            othersAreServed(server, true);
        }
    }

    /** What arrived before the end of the connection, a close or a reset (the trickle may outrun the close). */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (IOException reset) { // SocketException, or SSLException on a TLS socket
            // closed all the same
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    // --- malformed and oversized requests over h2 ----------------------------------------------------------------

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {true, false})
    void malformedRequestsOverH2Are4xxOrStreamErrors(boolean tls) throws IOException {
        Server server = serve(tls);
        try (RawHttp2 h2 = connect(server.port(), tls)) {
            RawHttp2.Response cookie = h2.request("GET", "/session", null, "cookie", "session=not.a.valid!cookie");
            assertThat(cookie.status()).as("a bad session cookie is an empty session").isEqualTo(200);
            assertThat(cookie.text()).isEqualTo("{\"keys\":[]}");
            RawHttp2.Response garbageCookie = h2.request("GET", "/session", null, "cookie", "=;;session;=\u00ff");
            assertThat(garbageCookie.status()).as("an unparsable Cookie header").isEqualTo(200);
            refused("malformed JSON body", h2.request("POST", "/json", "{\"a\":".getBytes(StandardCharsets.UTF_8),
                    "content-type", "application/json"));
            refused("bad percent-encoding", h2.request("GET", "/%zz", null));
        }
        // stream errors may take the connection with them: one connection per case
        List<String[]> malformed = List.of(
                new String[]{"GET", "/ok", "X-Upper-Case", "1"},
                new String[]{"GET", "/ok", "connection", "keep-alive"},
                new String[]{"GET", "/ok", "te", "gzip"},
                new String[]{"GET", "/ok", "x-bad", "a\r\nb"},
                new String[]{"GET", "relative-path", "x", "1"},
                new String[]{"GET", "/ok", "content-length", "abc"});
        for (String[] request : malformed) {
            try (RawHttp2 h2 = connect(server.port(), tls)) {
                refused(String.join(" ", request), h2.request(request[0], request[1], null, request[2], request[3]));
            } catch (java.io.EOFException closedWithoutGoAway) {
                // a connection error, closed at once: refused all the same
            }
        }
        try (RawHttp2 h2 = connect(server.port(), tls)) {
            int id = h2.newStreamId(); // a body longer than its content-length (RFC 9113 8.1.1: malformed)
            h2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, id, RawHttp2.block("POST", "/echo", "content-length", "3"));
            h2.frame(RawHttp2.DATA, RawHttp2.END_STREAM, id, "abcdef".getBytes(StandardCharsets.US_ASCII));
            h2.flush();
            refused("body longer than content-length", h2.response(id));
        } catch (java.io.EOFException closedWithoutGoAway) {
            // refused
        }
        othersAreServed(server, tls);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {true, false})
    void serverConfigHeaderLimitAppliesOverH2(boolean tls) throws IOException {
        Server server = serve(config(tls).maxHeaderBytes(2048));
        try (RawHttp2 h2 = connect(server.port(), tls)) {
            RawHttp2.Response small = h2.request("GET", "/ok", null, "x-small", "s".repeat(1_000));
            assertThat(small.status()).as("headers under maxHeaderBytes").isEqualTo(200);
        }
        // under the defaults' limit (8 KiB; Netty advertises twice it over h2), over this server's: refused because
        // of ServerConfig; then a block far over any limit
        for (int size : new int[]{4_500, 6_000, 200_000}) {
            try (RawHttp2 h2 = connect(server.port(), tls)) {
                int id = h2.newStreamId();
                byte[] block = RawHttp2.block("GET", "/ok", "x-big", "b".repeat(size));
                // in CONTINUATION frames of at most 16 KiB, the frame size every server accepts
                boolean closed = closedWhileWriting(() -> {
                    for (int at = 0; at < block.length; at += 16_384) {
                        int end = Math.min(block.length, at + 16_384);
                        h2.frame(at == 0 ? RawHttp2.HEADERS : RawHttp2.CONTINUATION,
                                (end == block.length ? RawHttp2.END_HEADERS : 0) | (at == 0 ? RawHttp2.END_STREAM : 0),
                                id, java.util.Arrays.copyOfRange(block, at, end));
                    }
                    h2.flush();
                });
                if (!closed) {
                    try {
                        RawHttp2.Response big = h2.response(id);
                        refused(size + " bytes of headers over maxHeaderBytes 2048", big);
                        if (big.reset() == null) {
                            assertThat(big.status()).as("the answer to headers over the limit").isEqualTo(431);
                        }
                    } catch (java.io.EOFException closedWithoutGoAway) {
                        // a connection error: refused
                    }
                }
            }
        }
        othersAreServed(server, tls);
    }

    // --- attacks of HTTP/2 -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {true, false})
    void rapidResetIsCapped(boolean tls) throws IOException {
        Server server = serve(tls);
        try (RawHttp2 h2 = connect(server.port(), tls)) {
            byte[] block = RawHttp2.block("GET", "/ok");
            boolean closed = closedWhileWriting(() -> {
                for (int i = 0; i < 5_000; i++) { // CVE-2023-44487: open a stream, cancel it at once, again
                    int id = h2.newStreamId();
                    h2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS | RawHttp2.END_STREAM, id, block);
                    h2.rst(id, CANCEL);
                    if (i % 100 == 99) {
                        h2.flush();
                    }
                }
                h2.flush();
            });
            ended(h2, closed, 10_000);
        }
        othersAreServed(server, tls);
    }

    @ParameterizedTest(name = "tls={0}, fragment of {1} bytes")
    @org.junit.jupiter.params.provider.CsvSource({"true, 0", "false, 0", "true, 4096", "false, 4096"})
    void continuationFloodIsCut(boolean tls, int fragmentBytes) throws IOException {
        Server server = serve(tls);
        try (RawHttp2 h2 = connect(server.port(), tls)) {
            int id = h2.newStreamId();
            ByteArrayOutputStream fields = new ByteArrayOutputStream();
            int n = 0;
            while (fields.size() < fragmentBytes) {
                RawHttp2.literal(fields, "x-flood-" + n++, "v".repeat(64));
            }
            byte[] fragment = fields.toByteArray();
            // CVE-2024-27316: a header block that never ends (no END_HEADERS), as big (headers piling up in memory)
            // or as small (empty frames, nothing to count but frames) as the attacker likes
            boolean closed = closedWhileWriting(() -> {
                h2.frame(RawHttp2.HEADERS, RawHttp2.END_STREAM, id, RawHttp2.block("GET", "/ok"));
                for (int i = 0; i < 50_000; i++) {
                    h2.frame(RawHttp2.CONTINUATION, 0, id, fragment);
                    if (i % 100 == 99) {
                        h2.flush();
                    }
                }
                h2.flush();
            });
            ended(h2, closed, 10_000);
        }
        othersAreServed(server, tls);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {true, false})
    void streamsBeyondMaxConcurrentStreamsAreRefused(boolean tls) throws IOException {
        Server server = serve(tls);
        try (RawHttp2 h2 = connect(server.port(), tls)) {
            RawHttp2.Response first = h2.request("GET", "/ok", null); // reads the server's SETTINGS on the way
            assertThat(first.status()).isEqualTo(200);
            Long max = h2.serverSetting(RawHttp2.SETTINGS_MAX_CONCURRENT_STREAMS);
            assertThat(max).as("SETTINGS_MAX_CONCURRENT_STREAMS advertised").isNotNull().isBetween(1L, 128L);
            List<Integer> ids = new ArrayList<>();
            byte[] block = RawHttp2.block("GET", "/slow");
            for (int i = 0; i < max + 20; i++) {
                int id = h2.newStreamId();
                ids.add(id);
                h2.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS | RawHttp2.END_STREAM, id, block);
            }
            h2.flush();
            // the extra streams are refused while the first ones wait in /slow
            int refused = 0;
            boolean goAway = false;
            h2.soTimeout(10_000);
            while (refused < 20 && !goAway) {
                RawHttp2.Frame frame = h2.read();
                if (frame == null) {
                    break;
                }
                if (frame.type() == RawHttp2.RST_STREAM) {
                    assertThat(ids).contains(frame.streamId());
                    refused++;
                } else if (frame.type() == RawHttp2.GOAWAY) {
                    goAway = true;
                } else if (frame.type() == RawHttp2.HEADERS) {
                    throw new AssertionError("a response while the streams of /slow are held");
                }
            }
            assertThat(refused > 0 || goAway).as("streams over the limit refused (RST_STREAM) or GOAWAY").isTrue();
            othersAreServed(server, tls);
        }
    }

    @ParameterizedTest(name = "tls={0}, {1}")
    @org.junit.jupiter.params.provider.CsvSource({"true, PING", "false, PING", "true, SETTINGS", "false, SETTINGS"})
    void controlFrameFloodIsCut(boolean tls, String type) throws IOException {
        Server server = serve(tls);
        try (RawHttp2 h2 = RawHttp2.connect(hpack(), server.port(), tls, 8 * 1024)) {
            // CVE-2019-9512/9515: frames the server must answer, never read; more answers (about 10 MB) than the
            // socket buffers hold, so a server that queued them all would grow without bound
            boolean closed = closedWhileWriting(() -> {
                for (int i = 0; i < 700_000; i++) {
                    if (type.equals("PING")) {
                        h2.frame(RawHttp2.PING, 0, 0, new byte[8]);
                    } else {
                        h2.frame(RawHttp2.SETTINGS, 0, 0, new byte[]{0, 0x3, 0, 0, 0, 100});
                    }
                    if (i % 1_000 == 999) {
                        h2.flush();
                    }
                }
                h2.flush();
            });
            ended(h2, closed, 10_000);
        }
        othersAreServed(server, tls);
    }
}
