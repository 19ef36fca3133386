package io.ifastapi.bench;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.http.Address;
import io.ifastapi.http.Headers;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.examples.DemoApp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One whole request through the demo app in process, no socket: {@code app.handle(new ServerRequest(...))} through
 * ServerErrorMiddleware, SessionMiddleware, ExceptionMiddleware, the router, the handler and the JSON response, with
 * the headers wrk sends (Host, and the session cookie /set-session returned). This is the framework's own share of an
 * HTTP request; what bench/run.sh measures adds the server (Jetty), the kernel and the load generator.
 *
 * <p>{@code /counter} gets the same cookie every time, as in bench/run.sh, so each call decodes n=1 and signs n=2.
 *
 * <p>{@code handle} runs on JMH's platform thread. {@code handleOnVirtualThread} runs each request on a new virtual
 * thread, as the Jetty adapter does: it adds the cost of that thread (compare with {@link VirtualThreadBenchmark})
 * and, more importantly, shows what per-thread caches (ThreadLocals) cost when every request has a fresh thread,
 * which a platform-thread benchmark hides (Jackson's default buffer pool allocated 20 KB per request that way).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AppBenchmark {

    @Param({"/hello", "/get-session", "/counter", "/set-session"})
    public String path;

    static final int BATCH = 256;

    private final Address client = new Address("127.0.0.1", 50000);
    private IFastAPI app;
    private URL url;
    private String cookieHeader;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        app = DemoApp.create(Map.of("SECRET_KEY", Fixtures.SECRET_KEY_HEX));
        app.startup();
        Response set = app.handle(request("/set-session", null));
        String setCookie = set.headers().get("set-cookie");
        if (setCookie == null) {
            throw new IllegalStateException("/set-session sent no cookie: " + set);
        }
        cookieHeader = setCookie.substring(0, setCookie.indexOf(';')); // "session=<value>"
        url = url(path);
        String expected = switch (path) {
            case "/hello" -> "{\"message\":\"hello\"}";
            case "/get-session" -> "{\"key\":\"value\"}";
            case "/counter" -> "{\"n\":1}";
            case "/set-session" -> "{\"message\":\"Session data set\"}";
            default -> throw new IllegalArgumentException(path);
        };
        String body = new String(handle().body(), StandardCharsets.UTF_8);
        if (!body.equals(expected)) {
            throw new IllegalStateException(path + " answered " + body + ", expected " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        app.shutdown();
    }

    @Benchmark
    public Response handle() {
        // /set-session without a cookie, as run-peers.sh loads it; the others with the cookie, as a browser would.
        return app.handle(request(path, path.equals("/set-session") ? null : cookieHeader));
    }

    /**
     * {@value #BATCH} requests, each on its own new virtual thread, as the Jetty adapter runs them; one carrier thread
     * (the fork's scheduler parallelism is 1), so the time per operation is the CPU time of one request plus one
     * virtual thread's start, run and end.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Fork(jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public void handleOnVirtualThread(Blackhole blackhole) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BATCH; i++) {
                executor.execute(() -> blackhole.consume(handle()));
            }
        }
    }

    /** A Request as the Jetty adapter builds it: fresh headers, URL and client per request. */
    private Request request(String requestPath, String cookie) {
        Headers headers = cookie == null
                ? Headers.of("Host", "127.0.0.1:8000")
                : Headers.of("Host", "127.0.0.1:8000", "Cookie", cookie);
        return new ServerRequest("GET", url(requestPath), headers, client, null);
    }

    private static URL url(String path) {
        return new URL("http", "127.0.0.1", 8000, path, null);
    }
}
