package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** server.stop() while requests are in flight: they finish, new connections are refused, hooks run once. */
public abstract class GracefulShutdownTest extends ServerTestBase {

    @Test
    void inFlightRequestFinishesAndNewConnectionsAreRefused() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        AtomicLong handlerFinished = new AtomicLong();
        AtomicInteger shutdownHookRuns = new AtomicInteger();
        app.onShutdown(shutdownHookRuns::incrementAndGet);
        app.get("/slow", request -> {
            inHandler.countDown();
            Thread.sleep(1000);
            handlerFinished.set(System.nanoTime());
            return Response.text("done");
        });
        start();
        int port = server.port();

        var slow = client.sendAsync(request("/slow").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicLong stopReturned = new AtomicLong();
        Thread stopper = Thread.ofPlatform().start(() -> {
            server.stop();
            stopReturned.set(System.nanoTime());
        });

        assertThat(connectionRefusedWithin(port, Duration.ofSeconds(3))).isTrue();
        assertThat(slow).as("still in flight when new connections are refused").isNotDone();

        HttpResponse<String> response = slow.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        assertThat(response.headers().firstValue("connection")).hasValue("close"); // we are going away

        stopper.join(5_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(stopReturned.get()).isGreaterThan(handlerFinished.get());
        assertThat(shutdownHookRuns).hasValue(1);
        server.stop(); // again: nothing happens
        assertThat(shutdownHookRuns).hasValue(1);
    }

    @Test
    void newRequestOnAnOpenConnectionDuringShutdownGets503() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        app.get("/slow", request -> {
            inHandler.countDown();
            Thread.sleep(700);
            return "done";
        });
        app.get("/ok", request -> "ok");
        start();
        try (RawHttp idle = raw()) {
            idle.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(idle.read().status()).isEqualTo(200); // now an idle keep-alive connection

            var slow = client.sendAsync(request("/slow").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
            Thread stopper = Thread.ofPlatform().start(server::stop);
            assertThat(connectionRefusedWithin(server.port(), Duration.ofSeconds(3))).isTrue();

            idle.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response rejected = idle.read();
            assertThat(rejected.status()).isEqualTo(503);
            assertThat(rejected.text()).isEqualTo("{\"detail\":\"Service Unavailable\"}");
            assertThat(rejected.header("connection")).isEqualToIgnoringCase("close");

            assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            stopper.join(5_000);
            assertThat(stopper.isAlive()).isFalse();
        }
    }

    @Test
    void stopGivesUpAfterTheGracePeriod() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger shutdownHookRuns = new AtomicInteger();
        app.onShutdown(shutdownHookRuns::incrementAndGet);
        app.get("/stuck", request -> {
            inHandler.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "late";
        });
        server = app.start(ServerConfig.defaults().port(0).shutdownGrace(Duration.ofMillis(300)));
        try (RawHttp raw = raw()) {
            raw.send("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            server.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(shutdownHookRuns).hasValue(1);
            assertThat(raw.closedByServer()).as("the stuck request's connection was closed").isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void runReturnsWhenItsThreadIsInterrupted() throws Exception {
        AtomicInteger shutdownHookRuns = new AtomicInteger();
        app.onShutdown(shutdownHookRuns::incrementAndGet);
        app.get("/ok", request -> "ok");
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                app.run("127.0.0.1", port);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) { // wait until it serves
            try (RawHttp raw = new RawHttp(port)) {
                raw.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(raw.read().status()).isEqualTo(200);
                break;
            } catch (ConnectException notYet) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        runner.interrupt();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(shutdownHookRuns).hasValue(1);
        assertThat(connectionRefusedWithin(port, Duration.ofSeconds(1))).isTrue();
    }

    static boolean connectionRefusedWithin(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                Thread.sleep(20);
            }
        }
        return false;
    }
}
