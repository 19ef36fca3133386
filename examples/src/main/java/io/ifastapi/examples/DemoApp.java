package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.server.RequestThreads;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.http.Session;

import java.util.Map;

/**
 * The seed's demo: a session set on one page and read on another, a counter, and a WebSocket ({@code /ws}) that
 * greets with the session's key and echoes. Configured by the environment:
 * HOST, PORT (default 127.0.0.1:8000), SECRET_KEY, SESSION_BACKEND (cookie, encrypted, memory, redis; default
 * cookie), REDIS_URL (for the redis backend), NON_BLOCKING; HTTPS with SSL_CERTFILE, SSL_KEYFILE and
 * SSL_KEYFILE_PASSWORD, as uvicorn names them (read by {@link ServerConfig#fromEnvironment(Map)}).
 *
 * <p>Its handlers only compute, so they declare themselves non-blocking: with a cookie or memory session backend
 * the Netty adapter answers them on its event loop; with Redis, whose store blocks, SessionMiddleware keeps them on
 * virtual threads by itself. NON_BLOCKING=false keeps every request on a virtual thread (to compare; see
 * docs/performance.md). As a launcher that owns its JVM, main runs virtual threads on one carrier thread on machines
 * of one or two CPUs ({@link RequestThreads#oneCarrierOnSmallMachines()}).
 */
public final class DemoApp {
    private static final Map<String, String> HELLO = Map.of("message", "hello");
    private static final Map<String, String> SESSION_SET = Map.of("message", "Session data set");

    private DemoApp() {
    }

    public static void main(String[] args) {
        // Before any virtual thread exists: one carrier on a 1-2 CPU machine, unless the JVM flag says otherwise.
        RequestThreads.oneCarrierOnSmallMachines();
        Map<String, String> env = System.getenv();
        create(env).run(ServerConfig.fromEnvironment(env));
    }

    /** The app as configured by these environment variables. */
    public static IFastAPI create(Map<String, String> env) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(DemoSessions.middleware(env, app));
        app.nonBlocking(!"false".equalsIgnoreCase(env.getOrDefault("NON_BLOCKING", "true").trim()));

        app.get("/hello", request -> HELLO);

        app.get("/set-session", request -> {
            request.session().put("key", "value");
            return SESSION_SET;
        });

        app.get("/get-session", request -> Json.object("key", request.session().get("key")));

        // WS /ws: first the session's "key" (the cookie /set-session sets), then an echo of every text message.
        app.websocket("/ws", ws -> {
            ws.accept();
            ws.sendJson(Json.object("key", ws.session().get("key")));
            for (String message : ws.iterText()) {
                ws.sendText(message);
            }
        });

        app.get("/counter", request -> {
            Session session = request.session();
            // A long: Python's ints are unbounded, so a Starlette-signed session may hold n >= 2^31.
            long n = session.getLong("n", 0) + 1;
            session.put("n", n);
            return Map.of("n", n);
        });
        return app;
    }
}
