package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Slow clients (slowloris) cannot hold connections: a request head must arrive within
 * {@link ServerConfig#headTimeout()} of its first byte however the bytes trickle in, a body must keep up
 * {@link ServerConfig#minBodyRate()}, and {@link ServerConfig#maxConnections()} caps open connections (new ones
 * wait, and one line is logged). Short limits here, so that each test takes seconds.
 */
public abstract class SlowClientTest extends ServerTestBase {
    private static final Duration HEAD_TIMEOUT = Duration.ofMillis(1_000);

    @BeforeEach
    void routes() {
        app.get("/ok", request -> Response.text("ok"));
        app.post("/echo", request -> Response.bytes(request.body(), "application/octet-stream", 200));
    }

    private ServerConfig config() {
        return ServerConfig.defaults().port(0).headTimeout(HEAD_TIMEOUT).minBodyRate(1_000);
    }

    @Test
    void aHeadTrickledByteAfterByteGets408AndIsClosedWithinTheDeadline() throws Exception {
        start(config());
        try (RawHttp raw = raw()) {
            long start = System.nanoTime();
            raw.send("GET /ok HTTP/1.1\r\nHost: x\r\n");
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) { // a header byte every 50 ms: each would restart an idle timer
                        raw.send("X");
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed the connection
                }
            });
            RawHttp.Response response = raw.read();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            stop.set(true);
            trickle.join();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text()).startsWith("{\"detail\":\"Request head not received within 1000 ms");
            assertThat(raw.closedByServer()).isTrue();
            // the deadline, plus the Jetty adapter's quarter-timeout granularity, plus slack for a loaded machine
            assertThat(elapsedMs).isBetween(HEAD_TIMEOUT.toMillis() - 50, HEAD_TIMEOUT.toMillis() * 3);
        }
        assertThat(get("/ok").body()).isEqualTo("ok");
    }

    @Test
    void anIdleKeepAliveConnectionIsNotAHeadTooSlow() throws Exception {
        start(config());
        try (RawHttp raw = raw()) {
            raw.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
            Thread.sleep(HEAD_TIMEOUT.toMillis() * 2); // idle, not slow: the idle timeout (30 s) is what applies
            raw.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.read().text()).isEqualTo("ok");
        }
    }

    @Test
    void aHeadThatArrivesInTimeInPiecesIsServed() throws Exception {
        start(config());
        try (RawHttp raw = raw()) {
            raw.send("GET /ok HTTP/1.1\r\n");
            Thread.sleep(300);
            raw.send("Host: x\r\n\r\n");
            assertThat(raw.read().text()).isEqualTo("ok");
        }
    }

    @Test
    void aBodySlowerThanTheMinimumRateGets408AndIsClosed() throws Exception {
        start(config());
        try (RawHttp raw = raw()) {
            long start = System.nanoTime();
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
            AtomicBoolean stop = new AtomicBoolean();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) { // 100 bytes/s, a tenth of the minimum
                        raw.send("0123456789");
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed the connection
                }
            });
            RawHttp.Response response = raw.read();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            stop.set(true);
            trickle.join();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.text()).contains("slower than 1000 bytes per second");
            assertThat(raw.closedByServer()).isTrue();
            // 1 s of grace plus 1 ms per byte received (about 1.1 s in all), plus slack
            assertThat(elapsedMs).isLessThan(5_000);
        }
    }

    @Test
    void aBodyAtAGoodRateIsRead() throws Exception {
        // A longer grace here: a cold server (first request of a JVM, on a loaded machine) may be slow to read
        start(config().headTimeout(Duration.ofSeconds(5)));
        try (RawHttp raw = raw()) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 20000\r\n\r\n");
            for (int i = 0; i < 10; i++) { // 2,000 bytes every 100 ms: 20 times the minimum, for a second in all
                raw.send("x".repeat(2_000));
                Thread.sleep(100);
            }
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(20_000);
        }
    }

    @Test
    void atTheConnectionCapNewConnectionsWaitAndOneLineIsLogged() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            start(config().maxConnections(2));
            try (RawHttp first = raw(); RawHttp second = raw()) {
                first.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(first.read().text()).isEqualTo("ok");
                second.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(second.read().text()).isEqualTo("ok");
                try (Socket third = new Socket(InetAddress.getLoopbackAddress(), server.port());
                     Socket fourth = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    third.setSoTimeout(1_000);
                    third.getOutputStream().write("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThatThrownBy(() -> third.getInputStream().read())
                            .as("not served while two connections are open").isInstanceOf(SocketTimeoutException.class);
                    first.close();
                    third.setSoTimeout(RawHttp.TIMEOUT_MS);
                    byte[] answer = new byte[12];
                    assertThat(third.getInputStream().readNBytes(answer, 0, 12)).isEqualTo(12);
                    assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                }
            }
        } finally {
            System.setErr(stderr);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        stderr.print(logged);
        assertThat(logged.lines().filter(line -> line.contains("Connection limit reached")).count()).isEqualTo(1);
        assertThat(logged).contains("Connection limit reached: 2 open connections (ServerConfig.maxConnections)");
    }
}
