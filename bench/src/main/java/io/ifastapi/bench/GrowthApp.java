package io.ifastapi.bench;

import io.ifastapi.http.HTTPException;
import io.ifastapi.IFastAPI;
import io.ifastapi.json.Json;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.jetty.JettyServer;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.http.Session;
import io.ifastapi.sessions.SessionMiddleware;

import java.time.Duration;
import java.util.Map;

/**
 * The app bench/growth.sh loads to see how costs grow: with the session's size, the number of open connections and
 * the number of routes. It is the demo (cookie sessions, the same middleware) plus what those measurements need,
 * so that the demo keeps exactly the four endpoints every peer has.
 *
 * <ul>
 *   <li>{@code GET /fill?bytes=N}: stores {"key": "value", "pad": "..."} with the pad sized so that the session
 *       cookie's value is about N bytes long (at least the 67 of {"key": "value"} alone);</li>
 *   <li>{@code GET /read}: /get-session on that session: {"key": "value"} (the whole cookie is verified and parsed);</li>
 *   <li>{@code GET /counter}: the demo's counter on that session: the whole cookie is read and signed again;</li>
 *   <li>{@code GET /hello}: {"message": "hello"}, no session;</li>
 *   <li>{@code GET /block?seconds=N}: blocks its virtual thread in {@code Thread.sleep} for N seconds (at most 600),
 *       then answers {"message": "hello"}: N connections each waiting on one show what N parked virtual threads
 *       cost;</li>
 *   <li>{@code GET /late} and {@code GET /late/{id:int}}: the last two routes, behind {@code ROUTES - 6} filler routes
 *       ({@code /s<i>/items} and {@code /t<i>/items/{id:int}} in alternation), for the routing measurement.</li>
 * </ul>
 *
 * Environment: HOST, PORT (127.0.0.1:8000), SECRET_KEY (required), ROUTES (0: no fillers), ADAPTER (netty, the
 * default, or jetty). Keep-alive connections may stay idle for 5 minutes (the default is 30 s), so that a test can
 * hold thousands open while it measures.
 */
public final class GrowthApp {
    private static final Map<String, String> HELLO = Map.of("message", "hello");
    /** {"key": "value", "pad": ""} in Python's json.dumps spelling. */
    private static final int JSON_OVERHEAD = "{\"key\": \"value\", \"pad\": \"\"}".length();
    /** "." + base64url timestamp (6 characters until 2106) + "." + base64url HMAC-SHA1 (27 characters). */
    private static final int SIGNATURE_OVERHEAD = 1 + 6 + 1 + 27;

    private GrowthApp() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        int routes = Integer.parseInt(env.getOrDefault("ROUTES", "0"));
        IFastAPI app = create(SecretKey.fromEnv("SECRET_KEY"), routes);
        switch (env.getOrDefault("ADAPTER", "netty")) {
            case "netty" -> { }
            case "jetty" -> app.server(JettyServer::start);
            default -> throw new IllegalArgumentException("ADAPTER must be netty or jetty");
        }
        app.run(ServerConfig.fromEnvironment(env).idleTimeout(Duration.ofMinutes(5)));
    }

    static IFastAPI create(SecretKey key, int routes) {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(SessionMiddleware.builder().secretKey(key).build());
        for (int i = 0; i < routes - 6; i++) {
            if (i % 2 == 0) {
                app.get("/s" + i + "/items", request -> HELLO);
            } else {
                app.get("/t" + i + "/items/{id:int}", request -> Map.of("id", request.pathParam("id")));
            }
        }
        app.get("/hello", request -> HELLO);
        app.get("/fill", request -> {
            int bytes = Integer.parseInt(request.queryParams().get("bytes", "0"));
            if (bytes < 0 || bytes > 4000) {
                throw new HTTPException(422, "bytes must be 0..4000 (browsers keep at most 4096 bytes per cookie)");
            }
            Session session = request.session();
            session.put("key", "value");
            session.put("pad", Fixtures.text(padFor(bytes)));
            return Map.of("requested", bytes);
        });
        app.get("/read", request -> Json.object("key", request.session().get("key")));
        app.get("/counter", request -> {
            Session session = request.session();
            int n = session.getInt("n", 0) + 1;
            session.put("n", n);
            return Map.of("n", n);
        });
        app.get("/block", request -> {
            int seconds = Integer.parseInt(request.queryParams().get("seconds", "0"));
            if (seconds < 0 || seconds > 600) {
                throw new HTTPException(422, "seconds must be 0..600");
            }
            Thread.sleep(Duration.ofSeconds(seconds));
            return HELLO;
        });
        app.get("/late", request -> HELLO);
        app.get("/late/{id:int}", request -> Map.of("id", request.pathParam("id")));
        return app;
    }

    /** The pad length that makes the cookie value about {@code cookieBytes} long: base64 turns 3 bytes into 4. */
    static int padFor(int cookieBytes) {
        int base64 = cookieBytes - SIGNATURE_OVERHEAD;
        return Math.max(0, base64 / 4 * 3 - JSON_OVERHEAD);
    }
}
