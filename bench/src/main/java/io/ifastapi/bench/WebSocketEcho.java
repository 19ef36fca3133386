package io.ifastapi.bench;

import io.ifastapi.IFastAPI;
import io.ifastapi.examples.DemoApp;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.jetty.JettyServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough echo round trip under load, for docs/performance.md: the demo app's {@code WS /ws} served on loopback by
 * one adapter, and {@code connections} JDK WebSocket clients in the same JVM, each sending a 32-byte text message
 * and waiting for its echo, over and over, for a warm-up then a measured period. Prints round trips per second and
 * latency percentiles. Client and server share the machine's cores, so the figures are a floor, not a capacity.
 *
 * <pre>{@code java -cp bench/target/benchmarks.jar io.ifastapi.bench.WebSocketEcho netty 50 10 20}</pre>
 * (adapter, connections, warm-up seconds, measured seconds; at most 60 s in all).
 */
public final class WebSocketEcho {
    private static final String MESSAGE = "0123456789abcdef0123456789abcdef";

    private WebSocketEcho() {
    }

    public static void main(String[] args) throws Exception {
        String adapter = args.length > 0 ? args[0] : "netty";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        if (warmup + measured > 60) {
            throw new IllegalArgumentException("warm-up + measured must stay within 60 s");
        }
        IFastAPI app = DemoApp.create(Map.of("SECRET_KEY", "websocket-echo-bench-0123456789abcdef0123456789"));
        if (adapter.equals("jetty")) {
            app.server(JettyServer::start);
        }
        Server server = app.start(ServerConfig.defaults().port(0));
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
        // All connections are opened first, then all loops start: handshakes racing running loops would measure the
        // client's selector thread, not the server.
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(connections);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        long[] window = new long[2]; // measureFrom, end: set when the loops start
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.ConcurrentHashMap<String, Integer> kinds = new java.util.concurrent.ConcurrentHashMap<>();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] latencies = new long[4_000_000 / connections];
            int[] count = new int[1];
            samples.add(latencies);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Echo echo = new Echo();
                    WebSocket ws;
                    try {
                        ws = http.newWebSocketBuilder().buildAsync(uri, echo).get(30, TimeUnit.SECONDS);
                        echo.next(); // the greeting: {"key": null}
                    } finally {
                        connected.countDown();
                    }
                    go.await();
                    long measureFrom = window[0];
                    long end = window[1];
                    int n = 0;
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                        ws.sendText(MESSAGE, true).join();
                        echo.next();
                        long took = System.nanoTime() - sent;
                        if (sent >= measureFrom && n < latencies.length) {
                            latencies[n++] = took;
                        }
                    }
                    latencies[latencies.length - 1] = n; // the count, in the last slot
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
                } catch (Exception e) {
                    errors.incrementAndGet();
                    kinds.merge(String.valueOf(e), 1, Integer::sum);
                }
            }));
        }
        connected.await();
        window[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        window[1] = window[0] + TimeUnit.SECONDS.toNanos(measured);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        server.stop();
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (long[] latencies : samples) {
            int n = (int) latencies[latencies.length - 1];
            total += n;
            for (int i = 0; i < n; i++) {
                all.add(latencies[i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("adapter=%s connections=%d warmup=%ds measured=%ds errors=%d%n", adapter, connections,
                warmup, measured, errors.get());
        kinds.forEach((kind, n) -> System.out.println("error x" + n + ": " + kind));
        System.out.printf("round trips/s: %.0f%n", total / (double) measured);
        System.out.printf("latency us: p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n", pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), pct(sorted, 0.999), sorted.length == 0 ? 0.0
                        : sorted[sorted.length - 1] / 1000.0);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, (long) (p * sorted.length))] / 1000.0;
    }

    /** Hands each whole text message to the waiting loop. */
    private static final class Echo implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new IllegalStateException("no echo within 10 s");
            }
            return message;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                messages.add(message); // never block the client's I/O thread
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
