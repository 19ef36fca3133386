package io.ifastapi.server;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocking handlers do not limit concurrency: each request has its own virtual thread. */
public abstract class ConcurrencyTest extends ServerTestBase {

    @Test
    void twoHundredSleepingRequestsRunConcurrently() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        app.get("/sleep", request -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(200);
            } finally {
                running.decrementAndGet();
            }
            return Response.text(Boolean.toString(Thread.currentThread().isVirtual()));
        });
        start();

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // HttpClient opens a connection per concurrent HTTP/1.1 request
            responses.add(client.sendAsync(request("/sleep").build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        for (var response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(response.get().body()).isEqualTo("true");
        }
        // Serially this takes 200 x 0.2 s = 40 s; with a thread each, about one sleep plus connection setup.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
        assertThat(maxRunning.get()).as("requests sleeping at the same time").isGreaterThan(50);
    }
}
