package io.ifastapi.testclient;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends over a real socket with {@link HttpClient} (HTTP/1.1 unless given another client, redirects left to the test client) to the app served
 * by its server adapter (Netty unless {@code app.server(...)} chose another) on 127.0.0.1 and a free port. Headers
 * the JDK client insists on writing itself (Host, Connection, Content-Length, Expect, Upgrade) are left to it.
 *
 * <p>When it started the server itself ({@link #serve}), it sees the exceptions behind 500s too: each request
 * carries an id header that a thin wrapper around the app removes before the app sees it, and the wrapper records
 * the {@link Response#serverError()} under that id. So {@code raiseServerExceptions} works as in-process.
 */
final class NetworkTransport implements Transport {
    static final String REQUEST_ID = "x-ifastapi-testclient-id";
    private static final Set<String> SET_BY_JDK = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding");

    private final Server server;
    private final boolean ownsServer;
    private final URL baseUrl;
    private final Map<String, Throwable> serverErrors;
    private final AtomicLong ids = new AtomicLong();
    private final HttpClient http;

    private NetworkTransport(Server server, boolean ownsServer, Map<String, Throwable> serverErrors, String scheme,
                             HttpClient.Builder client) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.serverErrors = serverErrors;
        this.baseUrl = new URL(scheme, server.host(), server.port(), "", null);
        HttpClient.Builder builder = client != null ? client : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        this.http = builder.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Runs the app's startup hooks and serves it as {@code app.start} does, on 127.0.0.1 and a free port; closing
     * stops the server, which runs the shutdown hooks.
     */
    static NetworkTransport serve(IFastAPI app) {
        return serve(app, ServerConfig.defaults().port(0), null);
    }

    /**
     * As {@link #serve(IFastAPI)}, with this server config (TLS, HTTP/2) and requests sent by {@code client} (its
     * version and SSL context; redirects and the connect timeout are set here).
     */
    static NetworkTransport serve(IFastAPI app, ServerConfig config, HttpClient.Builder client) {
        Map<String, Throwable> errors = new ConcurrentHashMap<>();
        Handler recording = request -> {
            String id = request.header(REQUEST_ID);
            request.headers().remove(REQUEST_ID);
            Response response = app.handle(request);
            if (id != null && response.serverError() != null) {
                errors.put(id, response.serverError());
            }
            return response;
        };
        TestClient.startup(app);
        Server server;
        try {
            server = app.serverFactory().start(recording, config, app::shutdown);
        } catch (RuntimeException e) {
            app.shutdown();
            throw e;
        }
        return new NetworkTransport(server, true, errors, config.scheme(), client);
    }

    /** Talks to a server someone else started and will stop; exceptions behind its 500s stay on the server. */
    static NetworkTransport connect(Server server) {
        return new NetworkTransport(server, false, null, "http", null);
    }

    @Override
    public URL baseUrl() {
        return baseUrl;
    }

    @Override
    public Received send(Sent sent) {
        URI uri;
        try {
            uri = URI.create(sent.url().toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("java.net.http cannot send " + sent.url() + " (" + e.getMessage()
                    + "); send such raw targets in-process", e);
        }
        HttpRequest.BodyPublisher body = sent.stream() != null
                ? HttpRequest.BodyPublishers.ofInputStream(sent::stream)
                : sent.body() != null ? HttpRequest.BodyPublishers.ofByteArray(sent.body())
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(sent.method(), body)
                .timeout(Duration.ofSeconds(30));
        sent.headers().forEach((name, value) -> {
            if (!SET_BY_JDK.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        String id = null;
        if (serverErrors != null) {
            id = Long.toString(ids.incrementAndGet());
            request.header(REQUEST_ID, id);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Request " + sent.method() + " " + sent.url() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + sent.method() + " " + sent.url(), e);
        }
        Headers headers = new Headers();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2 pseudo-headers, should the JDK ever report them
                values.forEach(value -> headers.add(name, value));
            }
        });
        Throwable error = id == null ? null : serverErrors.remove(id);
        return new Received(response.statusCode(), headers, response.body(), error);
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            if (ownsServer) {
                server.stop();
            }
        }
    }
}
