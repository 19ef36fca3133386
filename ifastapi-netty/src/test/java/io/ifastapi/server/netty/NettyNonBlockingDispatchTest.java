package io.ifastapi.server.netty;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Middleware;
import io.ifastapi.json.Json;
import io.ifastapi.http.Response;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.server.ServerTestBase;
import io.ifastapi.sessions.MemorySessionStore;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.sessions.SessionStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes that declare themselves non-blocking run on the Netty event loop that read them; everything else stays on
 * a virtual thread of its own: routes that did not opt in, a middleware that may block on the way, a body still
 * arriving. Checked by the thread the handler sees.
 */
class NettyNonBlockingDispatchTest extends ServerTestBase {
    private static final String SECRET = "5eb1c4e0d6a2f7b9385c1e0f2a4b6d8c9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b";

    @Override
    protected ServerFactory serverFactory() {
        return NettyServer::start;
    }

    private static Map<String, Object> where() {
        Thread t = Thread.currentThread();
        return Map.of("virtual", t.isVirtual(), "name", t.getName());
    }

    private static void assertOnEventLoop(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"virtual\":false").contains("\"name\":\"ifastapi-netty-");
    }

    private static void assertOnVirtualThread(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"virtual\":true").contains("ifastapi-request-");
    }

    @Test
    void aNonBlockingRouteRunsOnTheEventLoopAndABlockingOneOnAVirtualThread() throws Exception {
        app.get("/loop", request -> where()).nonBlocking();
        app.get("/blocking", request -> where());
        app.post("/loop", request -> Json.object("echo", request.text(), "virtual", Thread.currentThread().isVirtual()))
                .nonBlocking();
        start();

        for (int i = 0; i < 3; i++) { // fresh and reused connections
            assertOnEventLoop(get("/loop"));
            assertOnVirtualThread(get("/blocking"));
        }
        try (var raw = raw()) { // the body arrives with the head: complete before the app runs
            raw.send("POST /loop HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
            assertThat(raw.read().text()).isEqualTo("{\"echo\":\"abc\",\"virtual\":false}");
        }
        // A client that sends the body in a later packet may find it on either kind of thread; it is read whole.
        var posted = client.send(request("/loop").POST(HttpRequest.BodyPublishers.ofString("abc")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.body()).startsWith("{\"echo\":\"abc\",\"virtual\":");
        assertThat(get("/missing").statusCode()).isEqualTo(404);
    }

    @Test
    void aBodyThatHasNotArrivedKeepsTheRequestOnAVirtualThread() throws Exception {
        app.post("/loop", request -> Json.object("echo", request.text(), "virtual", Thread.currentThread().isVirtual()))
                .nonBlocking();
        start();
        try (var raw = raw()) {
            // The client waits for 100 Continue before sending the body: reading it must wait, so not on the loop.
            raw.send("POST /loop HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(100);
            raw.send("abc");
            assertThat(raw.read().text()).isEqualTo("{\"echo\":\"abc\",\"virtual\":true}");
        }
    }

    @Test
    void pipelinedNonBlockingRequestsAreAnsweredInOrder() throws Exception {
        app.get("/loop/{n}", request -> Json.object("n", request.pathParam("n"),
                "virtual", Thread.currentThread().isVirtual())).nonBlocking();
        start();
        try (var raw = raw()) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                requests.append("GET /loop/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            raw.send(requests.toString());
            for (int i = 0; i < 20; i++) {
                assertThat(raw.read().text()).isEqualTo("{\"n\":\"" + i + "\",\"virtual\":false}");
            }
        }
    }

    @Test
    void aMiddlewareThatMayBlockKeepsEveryRequestOnAVirtualThread() throws Exception {
        app.addMiddleware((request, next) -> next.handle(request)); // a lambda says nothing: it may block
        app.get("/loop", request -> where()).nonBlocking();
        start();
        assertOnVirtualThread(get("/loop"));
    }

    @Test
    void nonBlockingMiddlewareAndCookieSessionsStayOnTheEventLoop() throws Exception {
        app.addMiddleware(SessionMiddleware.builder().secretKey(SECRET).build());
        app.addMiddleware(Middleware.nonBlocking((request, next) -> next.handle(request).header("X-Seen", "1")));
        app.get("/counter", request -> {
            long n = request.session().getLong("n", 0) + 1;
            request.session().put("n", n);
            return Json.object("n", n, "virtual", Thread.currentThread().isVirtual());
        }).nonBlocking();
        start();
        var first = get("/counter");
        assertThat(first.body()).isEqualTo("{\"n\":1,\"virtual\":false}");
        assertThat(first.headers().firstValue("X-Seen")).contains("1");
        String cookie = first.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
        var second = client.send(request("/counter").header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(second.body()).isEqualTo("{\"n\":2,\"virtual\":false}");
    }

    @Test
    void aSessionStoreThatMayBlockKeepsRequestsOnAVirtualThread() throws Exception {
        app.addMiddleware(SessionMiddleware.builder().secretKey(SECRET).store(new OwnStore()).build());
        app.get("/loop", request -> where()).nonBlocking();
        start();
        assertOnVirtualThread(get("/loop"));
    }

    @Test
    void aMemorySessionStoreIsNonBlocking() throws Exception {
        app.addMiddleware(SessionMiddleware.builder().secretKey(SECRET).store(new MemorySessionStore()).build());
        app.get("/loop", request -> where()).nonBlocking();
        start();
        assertOnEventLoop(get("/loop"));
    }

    @Test
    void theAppDefaultAppliesToRoutesThatDoNotSay() throws Exception {
        app.nonBlocking(true);
        app.get("/loop", request -> where());
        app.get("/blocking", request -> where()).nonBlocking(false);
        start();
        assertOnEventLoop(get("/loop"));
        assertOnVirtualThread(get("/blocking"));
    }

    @Test
    void aMountedAppsNonBlockingRouteRunsOnTheEventLoop() throws Exception {
        IFastAPI inner = new IFastAPI();
        inner.get("/loop", request -> where()).nonBlocking();
        inner.get("/blocking", request -> where());
        app.mount("/inner", inner);
        start();
        assertOnEventLoop(get("/inner/loop"));
        assertOnVirtualThread(get("/inner/blocking"));
    }

    @Test
    void aStreamingResponseOfANonBlockingRouteIsWrittenInFull() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        app.get("/stream", request -> Response.stream("text/plain", out -> {
            for (int i = 0; i < 64; i++) { // 4 MiB: more than the channel buffers, so the writer must wait
                out.write(chunk);
            }
        })).nonBlocking();
        start();
        var response = client.send(request("/stream").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(64 * chunk.length);
    }

    @Test
    void debugModeWarnsWhenANonBlockingRouteBlocksTheEventLoop() throws Exception {
        app.debug(true);
        app.get("/sleepy", request -> {
            Thread.sleep(600); // what a non-blocking route must never do
            return Map.of("slept", true);
        }).nonBlocking();
        String log = capturingStderr(() -> {
            start();
            assertThat(get("/sleepy").body()).isEqualTo("{\"slept\":true}");
        });
        assertThat(log).contains("Event loop ifastapi-netty-").contains("blocked for")
                .contains("GET /sleepy").contains("Thread.sleep").contains("Remove .nonBlocking()");
        assertThat(log.split("blocked for", -1)).hasSize(2); // once per request
    }

    @Test
    void withoutDebugModeThereIsNoWarning() throws Exception {
        app.get("/sleepy", request -> {
            Thread.sleep(300);
            return Map.of("slept", true);
        }).nonBlocking();
        String log = capturingStderr(() -> {
            start();
            assertThat(get("/sleepy").statusCode()).isEqualTo(200);
        });
        assertThat(log).doesNotContain("blocked for");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capturingStderr(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
            Thread.sleep(Duration.ofMillis(100)); // a warning being written as the response arrived
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    /** A store of the application's own, which says nothing about blocking: assumed to block, as Redis does. */
    private static final class OwnStore implements SessionStore {
        private final MemorySessionStore memory = new MemorySessionStore();

        @Override
        public Map<String, String> load(String id) {
            return memory.load(id);
        }

        @Override
        public void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
            memory.save(id, upserts, removals, ttl);
        }

        @Override
        public boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl) {
            return memory.update(id, upserts, removals, ttl);
        }

        @Override
        public boolean touch(String id, Duration ttl) {
            return memory.touch(id, ttl);
        }

        @Override
        public void delete(String id) {
            memory.delete(id);
        }
    }

}
