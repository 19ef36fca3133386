package io.ifastapi.examples;

import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.http.Session;

import java.util.Map;

/**
 * The seed's demo: a session set on one page and read on another, plus a counter. Configured by the environment:
 * HOST, PORT (default 127.0.0.1:8000), SECRET_KEY, SESSION_BACKEND (cookie, encrypted, memory, redis; default
 * cookie) and REDIS_URL (for the redis backend); HTTPS with SSL_CERTFILE, SSL_KEYFILE and SSL_KEYFILE_PASSWORD, as
 * uvicorn names them (read by {@link ServerConfig#fromEnvironment(Map)}).
 */
public final class DemoApp {
    private static final Map<String, String> HELLO = Map.of("message", "hello");
    private static final Map<String, String> SESSION_SET = Map.of("message", "Session data set");

    private DemoApp() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        create(env).run(ServerConfig.fromEnvironment(env));
    }

    /** The app as configured by these environment variables. */
    public static IFastAPI create(Map<String, String> env) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(DemoSessions.middleware(env, app));

        app.get("/hello", request -> HELLO);

        app.get("/set-session", request -> {
            request.session().put("key", "value");
            return SESSION_SET;
        });

        app.get("/get-session", request -> Json.object("key", request.session().get("key")));

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
