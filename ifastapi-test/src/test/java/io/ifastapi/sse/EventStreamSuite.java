package io.ifastapi.sse;

import io.ifastapi.IFastAPI;
import io.ifastapi.middleware.GZipMiddleware;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-Sent Events over real sockets, run by each adapter, over HTTP/1.1 (plain) and HTTP/2 (TLS, ALPN): events
 * reach the client as they are sent, keep-alive comments fill the silences, the producer learns that the client
 * left (from a send, or by an interrupt while it waits), and GZip leaves the stream alone.
 */
public abstract class EventStreamSuite {
    /** How the client reaches the server. */
    protected enum Protocol { HTTP_1_1, HTTP_2 }

    private final List<Server> servers = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();

    protected abstract ServerFactory serverFactory();

    @AfterEach
    void stop() {
        // shutdownNow, not close: close() waits for every exchange to end, and an event stream a test left open
        // never ends by itself (seen hanging the Jetty run)
        clients.forEach(HttpClient::shutdownNow);
        servers.forEach(Server::stop);
    }

    private URI serve(IFastAPI app, Protocol protocol, String path) {
        ServerConfig config = protocol == Protocol.HTTP_2 ? TlsClients.certificates().serverConfig()
                : ServerConfig.defaults().port(0);
        Server server = app.server(serverFactory()).start(config);
        servers.add(server);
        return URI.create(config.scheme() + "://127.0.0.1:" + server.port() + path);
    }

    private HttpClient client(Protocol protocol) {
        HttpClient client = protocol == Protocol.HTTP_2 ? TlsClients.httpClient(HttpClient.Version.HTTP_2).build()
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        clients.add(client);
        return client;
    }

    private HttpResponse<InputStream> open(Protocol protocol, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<InputStream> response = client(protocol).send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.version().name()).isEqualTo(protocol.name());
        return response;
    }

    /** The lines of one event, up to the blank line that ends it. */
    private static List<String> nextEvent(BufferedReader reader) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null && !line.isEmpty(); ) {
            lines.add(line);
        }
        return lines;
    }

    /** The next event that is not a keep-alive: a ping may come first when the producer starts late. */
    private static List<String> nextEventSkippingPings(BufferedReader reader) throws Exception {
        List<String> event;
        do {
            event = nextEvent(reader);
        } while (event.equals(List.of(": ping")));
        return event;
    }

    private static BufferedReader reader(HttpResponse<InputStream> response) {
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void eventsArriveAsTheyAreSent(Protocol protocol) throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.get("/events", request -> EventSourceResponse.of(sink -> {
            sink.send(ServerSentEvent.of(Map.of("n", 1)).event("tick").id("1").retry(3000));
            if (!firstSeen.await(30, TimeUnit.SECONDS)) { // the next one only once the client has the first
                throw new IllegalStateException("the first event never arrived");
            }
            sink.send(ServerSentEvent.raw("line one\nline two"));
        }));
        HttpResponse<InputStream> response = open(protocol, serve(app, protocol, "/events"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("x-accel-buffering")).hasValue("no");
        try (BufferedReader reader = reader(response)) {
            assertThat(nextEvent(reader)).containsExactly("event: tick", "data: {\"n\":1}", "id: 1", "retry: 3000");
            firstSeen.countDown();
            assertThat(nextEvent(reader)).containsExactly("data: line one", "data: line two");
            assertThat(reader.readLine()).isNull(); // the producer returned: the stream ends
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void keepAliveCommentsFillTheSilences(Protocol protocol) throws Exception {
        CountDownLatch pinged = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.get("/events", request -> EventSourceResponse.of(Duration.ofMillis(200), sink -> {
            sink.send("first");
            if (!pinged.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no keep-alive seen");
            }
            sink.send("last");
        }));
        HttpResponse<InputStream> response = open(protocol, serve(app, protocol, "/events"));
        try (BufferedReader reader = reader(response)) {
            assertThat(nextEventSkippingPings(reader)).containsExactly("data: \"first\"");
            assertThat(nextEvent(reader)).containsExactly(": ping");
            pinged.countDown();
            List<String> rest;
            do { // more pings may have gone out before the last event
                rest = nextEvent(reader);
            } while (rest.equals(List.of(": ping")));
            assertThat(rest).containsExactly("data: \"last\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aSendingProducerLearnsThatTheClientLeft(Protocol protocol) throws Exception {
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch producerDone = new CountDownLatch(1);
        CountDownLatch callbackRan = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.get("/events", request -> EventSourceResponse.of(Duration.ZERO, sink -> {
            sink.onClose(callbackRan::countDown);
            try {
                for (int i = 0; ; i++) {
                    sink.send(Map.of("i", i));
                    Thread.sleep(20);
                }
            } catch (ClientDisconnected | InterruptedException gone) {
                ended.set(gone);
            } finally {
                producerDone.countDown();
            }
        }));
        HttpResponse<InputStream> response = open(protocol, serve(app, protocol, "/events"));
        BufferedReader reader = reader(response);
        assertThat(nextEvent(reader)).containsExactly("data: {\"i\":0}");
        reader.close(); // the client leaves

        assertThat(producerDone.await(30, TimeUnit.SECONDS)).as("the producer stopped").isTrue();
        assertThat(ended.get()).isInstanceOfAny(ClientDisconnected.class, InterruptedException.class);
        assertThat(callbackRan.await(5, TimeUnit.SECONDS)).as("onClose ran").isTrue();
    }

    /** A real close, at once: the JDK client above closes its connection lazily, after seconds. */
    @org.junit.jupiter.api.Test
    void aClosedSocketIsFoundByTheNextSend() throws Exception {
        CountDownLatch producerDone = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.get("/events", request -> EventSourceResponse.of(Duration.ZERO, sink -> {
            try {
                for (int i = 0; ; i++) {
                    sink.send(Map.of("i", i));
                    Thread.sleep(20);
                }
            } finally {
                producerDone.countDown();
            }
        }));
        URI uri = serve(app, Protocol.HTTP_1_1, "/events");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("HTTP/1.1 200");
            for (String line; (line = reader.readLine()) != null && !line.contains("data:"); ) {
                // head, then the first chunk
            }
        }
        // one or two sends after the close (about 20 ms on an idle machine); 5 s is slack for a loaded one
        assertThat(producerDone.await(5, TimeUnit.SECONDS)).as("the producer stopped soon after the close").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aWaitingProducerIsInterruptedWhenTheClientLeaves(Protocol protocol) throws Exception {
        BlockingQueue<String> never = new ArrayBlockingQueue<>(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch producerDone = new CountDownLatch(1);
        CountDownLatch helloSent = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.get("/events", request -> EventSourceResponse.of(Duration.ofMillis(100), sink -> {
            try {
                sink.send("hello");
                helloSent.countDown();
                sink.send(never.take()); // blocks: only the keep-alive can find the client gone
            } catch (InterruptedException gone) {
                ended.set(gone);
            } finally {
                producerDone.countDown();
            }
        }));
        HttpResponse<InputStream> response = open(protocol, serve(app, protocol, "/events"));
        BufferedReader reader = reader(response);
        assertThat(nextEventSkippingPings(reader)).containsExactly("data: \"hello\"");
        // the client may read the event before send() returns (HTTP/2 on Jetty): leave only once the producer waits,
        // else the first send meets the closed stream (ClientDisconnected), which is another test's case
        assertThat(helloSent.await(30, TimeUnit.SECONDS)).isTrue();
        reader.close();

        assertThat(producerDone.await(30, TimeUnit.SECONDS)).as("the waiting producer was woken").isTrue();
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void gzipLeavesTheStreamAlone(Protocol protocol) throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        IFastAPI app = new IFastAPI();
        app.addMiddleware(GZipMiddleware.builder().minimumSize(1).build());
        app.get("/events", request -> EventSourceResponse.of(sink -> {
            sink.send("x".repeat(2000));
            firstSeen.await(30, TimeUnit.SECONDS);
            sink.send("y");
        }));
        HttpResponse<InputStream> response = open(protocol, serve(app, protocol, "/events"),
                "Accept-Encoding", "gzip");
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        try (BufferedReader reader = reader(response)) {
            assertThat(nextEvent(reader)).containsExactly("data: \"" + "x".repeat(2000) + "\"");
            firstSeen.countDown();
            assertThat(nextEvent(reader)).containsExactly("data: \"y\"");
        }
    }
}
