package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Persistent connections, Connection: close, HTTP/1.0, pipelining and the idle timeout, on raw sockets. */
public abstract class KeepAliveTest extends ServerTestBase {

    @BeforeEach
    void routes() {
        app.get("/echo/{word}", request -> Response.text(request.pathParam("word", String.class)));
        app.get("/slow/{word}", request -> {
            Thread.sleep(150);
            return Response.text(request.pathParam("word", String.class));
        });
        app.post("/ignore-body", request -> Response.text("ignored"));
        app.post("/sleep-then-read", request -> {
            Thread.sleep(700);
            return Response.text("slept, then read " + request.text());
        });
    }

    @Test
    void http11ConnectionServesSeveralRequests() throws Exception {
        start();
        try (RawHttp raw = raw()) {
            for (String word : new String[]{"one", "two", "three"}) {
                raw.send("GET /echo/" + word + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                RawHttp.Response response = raw.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo(word);
                assertThat(response.header("connection")).isNull();
            }
            assertThat(raw.stillOpenAfter(200)).isTrue();
        }
    }

    @Test
    void connectionCloseClosesAfterTheResponse() throws Exception {
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /echo/bye HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.text()).isEqualTo("bye");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void http10WithoutKeepAliveCloses() throws Exception {
        start();
        try (RawHttp raw = raw()) {
            raw.send("GET /echo/old HTTP/1.0\r\n\r\n");
            RawHttp.Response response = raw.read();
            assertThat(response.status()).isEqualTo(200); // Jetty answers with its own version, HTTP/1.1, as allowed
            assertThat(response.text()).isEqualTo("old");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void http10WithKeepAliveStaysOpen() throws Exception {
        start();
        try (RawHttp raw = raw()) {
            for (String word : new String[]{"a", "b"}) {
                raw.send("GET /echo/" + word + " HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                RawHttp.Response response = raw.read();
                assertThat(response.text()).isEqualTo(word);
                assertThat(response.header("connection")).isEqualToIgnoringCase("keep-alive");
            }
            assertThat(raw.stillOpenAfter(200)).isTrue();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start();
        try (RawHttp raw = raw()) {
            // The first is the slowest: answers must still come in request order.
            raw.send("GET /slow/first HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /echo/second HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /slow/third HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /echo/fourth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(raw.read().text()).isEqualTo("first");
            assertThat(raw.read().text()).isEqualTo("second");
            assertThat(raw.read().text()).isEqualTo("third");
            assertThat(raw.read().text()).isEqualTo("fourth");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aSmallBodyTheAppDoesNotReadDoesNotBreakTheConnection() throws Exception {
        start();
        try (RawHttp raw = raw()) {
            raw.send("POST /ignore-body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /echo/after HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response first = raw.read();
            assertThat(first.text()).isEqualTo("ignored");
            assertThat(first.header("connection")).isNull();
            assertThat(raw.read().text()).isEqualTo("after"); // the body was skipped, not parsed as a request
        }
    }

    @Test
    void idleConnectionsCloseAfterTheIdleTimeoutButSlowHandlersDoNot() throws Exception {
        server = app.start(ServerConfig.defaults().port(0).idleTimeout(Duration.ofMillis(300)));
        try (RawHttp raw = raw()) {
            // The handler is busy for longer than the idle timeout: that is not idleness; it can still read the
            // body afterwards, and the request completes.
            raw.send("POST /sleep-then-read HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody");
            assertThat(raw.read().text()).isEqualTo("slept, then read body");
            // Then nothing happens on the connection: the server closes it.
            long start = System.nanoTime();
            assertThat(raw.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
