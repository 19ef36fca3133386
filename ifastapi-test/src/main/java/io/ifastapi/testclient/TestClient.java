package io.ifastapi.testclient;

import io.ifastapi.http.Headers;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.URL;
import io.ifastapi.server.Server;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starlette's / FastAPI's TestClient for iFastAPI: send requests to an app and assert on the responses, with a
 * browser-like cookie jar and redirects followed.
 *
 * <pre>{@code
 * try (var client = new TestClient(app)) {        // runs the app's startup hooks; close() runs the shutdown hooks
 *     TestResponse r = client.get("/set-session");
 *     assertThat(r.json()).containsEntry("message", "Session data set");
 *     client.post("/items", Json.object("name", "x"));                      // a body object is sent as JSON
 *     client.request("PATCH", "/items/1").header("X-A", "1").query("q", "a b").json(item).send();
 *     client.post("/form").form(Map.of("a", "1")).send();
 * }
 * }</pre>
 *
 * <p><b>Transports.</b> By default the app is called in-process (as a server calls it, no socket) at
 * {@value #DEFAULT_BASE_URL}, from client address {@code testclient:50000}, with the headers Starlette's client
 * sends ({@code host}, {@code accept: }&#42;/&#42;, {@code accept-encoding: gzip, deflate},
 * {@code connection: keep-alive}, {@code user-agent: testclient}). {@link #overNetwork(IFastAPI)} serves the app on
 * the app's server adapter at 127.0.0.1 and a free port and talks to it through {@code java.net.http}, so one test suite
 * can run against both; {@link #forServer(Server)} talks to a server started elsewhere. Redirects, cookies and
 * exceptions are handled here, above the transport, the same way for all.
 *
 * <p><b>Redirects</b> (301, 302, 303, 307, 308) are followed, as httpx's TestClient does, up to
 * {@value #DEFAULT_MAX_REDIRECTS} hops, storing cookies at each hop; {@link TestResponse#history()} lists the hops.
 * A 303 (and a 302) turns the request into a GET without body, a 301 turns a POST into a GET (httpx's and
 * browsers' rules); 307 and 308 repeat the method and body. Turn following off per client
 * ({@link Builder#followRedirects}) or per request ({@link TestRequest#followRedirects}).
 *
 * <p><b>Exceptions.</b> With {@code raiseServerExceptions} (the default, as in Starlette) an exception a handler
 * raised and nobody handled reaches the test instead of its 500 response: unchecked exceptions and errors as they
 * are (same object, same stack trace); a checked exception wrapped in a {@link ServerException}, its cause. With
 * {@code raiseServerExceptions(false)} the test gets the 500 response. {@link #forServer(Server)} cannot see the
 * exceptions of a server it did not start, so it always returns the 500.
 */
public final class TestClient implements AutoCloseable {
    public static final String DEFAULT_BASE_URL = "http://testserver";
    public static final int DEFAULT_MAX_REDIRECTS = 20;

    private final Transport transport;
    private final URL baseUrl;
    private final CookieJar cookies;
    private final boolean raiseServerExceptions;
    private final boolean followRedirects;
    private final int maxRedirects;
    private final Set<TestRequest> unsent = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** An in-process client at {@value #DEFAULT_BASE_URL}; runs the app's startup hooks. */
    public TestClient(IFastAPI app) {
        this(builder(app));
    }

    /** An in-process client whose requests go to {@code baseUrl}, e.g. {@code https://example.com}. */
    public TestClient(IFastAPI app, String baseUrl) {
        this(builder(app).baseUrl(baseUrl));
    }

    private TestClient(Builder builder) {
        this.raiseServerExceptions = builder.raiseServerExceptions;
        this.followRedirects = builder.followRedirects;
        this.maxRedirects = builder.maxRedirects;
        if (builder.server != null) {
            this.transport = NetworkTransport.connect(builder.server);
        } else if (builder.network && builder.serverConfig != null) {
            this.transport = NetworkTransport.serve(builder.app, builder.serverConfig, builder.httpClient);
        } else if (builder.network) {
            this.transport = NetworkTransport.serve(builder.app);
        } else {
            this.transport = new InProcessTransport(builder.app,
                    Urls.parseBase(builder.baseUrl == null ? DEFAULT_BASE_URL : builder.baseUrl));
        }
        this.baseUrl = transport.baseUrl();
        this.cookies = new CookieJar(builder.clock, baseUrl.host());
    }

    /** Options: base URL, transport, redirects, exceptions, the cookie jar's clock. */
    public static Builder builder(IFastAPI app) {
        if (app == null) {
            throw new IllegalArgumentException("TestClient needs an app");
        }
        return new Builder(app, null);
    }

    /** A client for a server already running (started by the test); closing the client leaves the server running. */
    public static Builder builder(Server server) {
        if (server == null) {
            throw new IllegalArgumentException("TestClient needs a server");
        }
        return new Builder(null, server);
    }

    /** Serves the app on its server adapter (127.0.0.1, a free port) and sends over a socket; close() stops it. */
    public static TestClient overNetwork(IFastAPI app) {
        return builder(app).overNetwork().build();
    }

    /** Sends over a socket to a running server; close() does not stop it. */
    public static TestClient forServer(Server server) {
        return builder(server).build();
    }

    // ----- requests -----

    public TestResponse get(String path) {
        return request("GET", path).send();
    }

    public TestResponse head(String path) {
        return request("HEAD", path).send();
    }

    public TestResponse options(String path) {
        return request("OPTIONS", path).send();
    }

    public TestResponse delete(String path) {
        return request("DELETE", path).send();
    }

    /** A POST to finish and {@link TestRequest#send() send}: {@code client.post("/form").form(fields).send()}. */
    public TestRequest post(String path) {
        return request("POST", path);
    }

    /** A POST with {@code json} as the JSON body (a record, a Map, a List...). */
    public TestResponse post(String path, Object json) {
        return request("POST", path).json(json).send();
    }

    public TestRequest put(String path) {
        return request("PUT", path);
    }

    public TestResponse put(String path, Object json) {
        return request("PUT", path).json(json).send();
    }

    public TestRequest patch(String path) {
        return request("PATCH", path);
    }

    public TestResponse patch(String path, Object json) {
        return request("PATCH", path).json(json).send();
    }

    /**
     * A request to build and send. {@code path} is relative to the base URL ({@code /items?q=1}) or absolute
     * ({@code https://other.example/x}, which in-process still reaches the app, as Starlette's does). A request
     * built and never sent fails {@link #close()}, so a forgotten {@code send()} cannot pass silently.
     */
    public TestRequest request(String method, String path) {
        TestRequest request = new TestRequest(this, method.toUpperCase(Locale.ROOT), path);
        unsent.add(request);
        return request;
    }

    /** The cookie jar: what the app set, to inspect, change or clear between requests. */
    public CookieJar cookies() {
        return cookies;
    }

    /** Where requests go: {@code http://testserver} in-process by default, the real server's address otherwise. */
    public URL baseUrl() {
        return baseUrl;
    }

    /** Runs the app's shutdown hooks (in-process), or stops the server this client started. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        transport.close();
        List<TestRequest> forgotten = List.copyOf(unsent);
        if (!forgotten.isEmpty()) {
            throw new IllegalStateException("Requests were built but never sent (call .send() on them): " + forgotten);
        }
    }

    // ----- sending -----

    TestResponse send(TestRequest request) {
        unsent.remove(request);
        if (closed.get()) {
            throw new IllegalStateException("This TestClient is closed");
        }
        URL first = Urls.target(baseUrl, request.target, request.query);
        URL url = first;
        String method = request.method;
        byte[] body = request.body;
        InputStream stream = request.stream;
        String contentType = request.contentType;
        boolean follow = request.followRedirects != null ? request.followRedirects : followRedirects;
        List<TestResponse> history = new ArrayList<>();
        while (true) {
            Headers headers = headers(request, url, method, body, stream, contentType, sameOrigin(url, first));
            Transport.Received received = transport.send(new Transport.Sent(method, url, headers, body, stream));
            cookies.storeAll(url, received.headers().getAll("set-cookie"));
            if (raiseServerExceptions && received.serverError() != null) {
                throw rethrow(received.serverError());
            }
            TestResponse response = new TestResponse(method, url, received.status(), received.headers(),
                    received.body(), history);
            if (!follow || !response.isRedirect()) {
                return response;
            }
            if (history.size() >= maxRedirects) {
                throw new IllegalStateException("Exceeded " + maxRedirects + " redirects, the last " + response
                        + " to " + response.header("location") + "; the hops: " + history);
            }
            history.add(response);
            url = Urls.resolve(url, response.header("location"));
            int status = response.status();
            boolean toGet = !method.equals("HEAD")
                    && (status == 303 || status == 302 || (status == 301 && method.equals("POST")));
            if (toGet) {
                method = "GET";
                body = null;
                stream = null;
                contentType = null;
            } else if (stream != null) {
                throw new IllegalStateException("Cannot follow the " + status + " of " + response
                        + ": it asks to send the body again, and a streamed body can be read only once");
            }
        }
    }

    /** Starlette's default headers, the test's own (which replace defaults of the same name), body headers, cookies. */
    private Headers headers(TestRequest request, URL url, String method, byte[] body, InputStream stream,
                            String contentType, boolean sameOrigin) {
        Headers own = request.headers;
        Headers headers = new Headers();
        addDefault(headers, own, "host", Urls.hostHeader(url));
        addDefault(headers, own, "accept", "*/*");
        addDefault(headers, own, "accept-encoding", "gzip, deflate");
        addDefault(headers, own, "connection", "keep-alive");
        addDefault(headers, own, "user-agent", "testclient");
        own.forEach(headers::add);
        if (body != null || stream != null) {
            if (contentType != null) {
                addDefault(headers, own, "content-type", contentType);
            }
            if (body != null) {
                addDefault(headers, own, "content-length", Integer.toString(body.length));
            }
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            addDefault(headers, own, "content-length", "0"); // as httpx
        }
        if (!own.contains("cookie")) {
            Map<String, String> overrides = sameOrigin ? request.cookies : Map.of();
            StringBuilder cookie = new StringBuilder();
            overrides.forEach((name, value) -> appendCookie(cookie, name, value));
            for (Cookie stored : cookies.cookiesFor(url)) {
                if (!overrides.containsKey(stored.name())) {
                    appendCookie(cookie, stored.name(), stored.value());
                }
            }
            if (!cookie.isEmpty()) {
                headers.add("cookie", cookie.toString());
            }
        }
        return headers;
    }

    private static void addDefault(Headers headers, Headers own, String name, String value) {
        if (!own.contains(name)) {
            headers.add(name, value);
        }
    }

    private static void appendCookie(StringBuilder header, String name, String value) {
        if (!header.isEmpty()) {
            header.append("; ");
        }
        header.append(name).append('=').append(value);
    }

    private static boolean sameOrigin(URL a, URL b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static RuntimeException rethrow(Throwable error) {
        if (error instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new ServerException(error);
    }

    /** Runs the startup hooks; a checked exception from one is wrapped, as {@code app.start} does. */
    static void startup(IFastAPI app) {
        try {
            app.startup();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("A startup hook failed: " + e, e);
        }
    }

    /** How a {@link TestClient} is made; {@link #build()} starts the app (and the server, over the network). */
    public static final class Builder {
        private final IFastAPI app;
        private final Server server;
        private String baseUrl;
        private boolean network;
        private io.ifastapi.server.ServerConfig serverConfig;
        private java.net.http.HttpClient.Builder httpClient;
        private boolean raiseServerExceptions = true;
        private boolean followRedirects = true;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private Clock clock = Clock.systemUTC();

        private Builder(IFastAPI app, Server server) {
            this.app = app;
            this.server = server;
        }

        /** In-process only: the scheme, host, port (and path prefix) requests go to. Default {@value #DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Serve the app on its server adapter at 127.0.0.1 and a free port, and send over a real socket. */
        public Builder overNetwork() {
            this.network = true;
            return this;
        }

        /**
         * Serve the app with this config (e.g. with TLS, or HTTP/2 off; use port 0 for a free port) and send with
         * this client, e.g. {@code HttpClient.newBuilder().version(HTTP_2).sslContext(trusting)} to test HTTPS and
         * HTTP/2. Requests go to https when the config has TLS.
         */
        public Builder overNetwork(io.ifastapi.server.ServerConfig config, java.net.http.HttpClient.Builder client) {
            if (config == null || client == null) {
                throw new IllegalArgumentException("overNetwork needs a server config and an HttpClient builder");
            }
            this.network = true;
            this.serverConfig = config;
            this.httpClient = client;
            return this;
        }

        /** True (default): an unhandled exception in the app is thrown to the test. False: the test gets the 500. */
        public Builder raiseServerExceptions(boolean raise) {
            this.raiseServerExceptions = raise;
            return this;
        }

        /** True (default): follow redirects. False: return the 3xx. */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects must be >= 0, got " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        /** The clock cookies expire by: a test can move it forward instead of sleeping. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TestClient build() {
            if (baseUrl != null && (network || server != null)) {
                throw new IllegalStateException("Over the network requests go to the server's own address; "
                        + "baseUrl is for the in-process client");
            }
            if (network && server != null) {
                throw new IllegalStateException("This client talks to a running server already; overNetwork() is "
                        + "for serving an app");
            }
            return new TestClient(this);
        }
    }
}
