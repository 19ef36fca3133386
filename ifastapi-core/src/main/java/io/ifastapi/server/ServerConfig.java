package io.ifastapi.server;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Where and how to serve. Defaults: 127.0.0.1:8000 (loopback only, as uvicorn; use host 0.0.0.0 to be reachable
 * from other machines), 30 s to finish in-flight requests at shutdown, 30 s idle timeout for keep-alive
 * connections, 8 KiB of request headers (Jetty's and most servers' limit).
 *
 * <p>Against slow clients (slowloris), whose every byte would restart the idle timer:
 * <ul>
 * <li>{@code headTimeout}, 20 s (Apache's mod_reqtimeout default): a request's head (request line and headers)
 *     must have arrived this long after its first byte, else 408 and the connection is closed. 0 = no deadline.
 * <li>{@code minBodyRate}, 500 bytes/s (Apache's): while the app waits for the request body, the server may wait
 *     for the client {@code headTimeout} plus one second per {@code minBodyRate} bytes received; past that the
 *     body read fails with 408 and the connection is closed. 0 = no minimum.
 * <li>{@code maxConnections}: at most this many open connections; when it is reached the server stops accepting
 *     (new connections wait in the operating system's listen backlog until one closes) and logs one line. The
 *     default is 3/4 of the process's file descriptor limit ({@code ulimit -n}), leaving room for files, sockets
 *     to databases and logs, or 10,000 when the limit cannot be read.
 * </ul>
 *
 * <p>Protocols: {@code tls} (null: plain HTTP) serves HTTPS ({@link TlsConfig}); {@code http2} (default on) offers
 * HTTP/2 by ALPN on a TLS port, next to HTTP/1.1; {@code h2c} (default on, needs {@code http2}) accepts cleartext
 * HTTP/2 with prior knowledge on a plain port (a connection that opens with the HTTP/2 preface, as
 * {@code curl --http2-prior-knowledge} and gRPC clients do; others speak HTTP/1.1 as before).
 */
public record ServerConfig(String host, int port, Duration shutdownGrace, Duration idleTimeout, int maxHeaderBytes,
                           Duration headTimeout, int minBodyRate, int maxConnections, TlsConfig tls, boolean http2,
                           boolean h2c) {

    /** The settings before HTTPS and HTTP/2 existed: plain HTTP, with h2c by prior knowledge. */
    public ServerConfig(String host, int port, Duration shutdownGrace, Duration idleTimeout, int maxHeaderBytes,
                        Duration headTimeout, int minBodyRate, int maxConnections) {
        this(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, null,
                true, true);
    }

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = any free port), got " + port);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative() || idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace and idleTimeout must be durations >= 0");
        }
        if (maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be > 0, got " + maxHeaderBytes);
        }
        if (headTimeout == null || headTimeout.isNegative()) {
            throw new IllegalArgumentException("headTimeout must be a duration >= 0 (0 = no deadline)");
        }
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("minBodyRate must be >= 0 bytes per second (0 = no minimum), got "
                    + minBodyRate);
        }
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0, got " + maxConnections);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8000, Duration.ofSeconds(30), Duration.ofSeconds(30), 8192,
                Duration.ofSeconds(20), 500, defaultMaxConnections(), null, true, true);
    }

    /** 3/4 of the file descriptor limit of this process, or 10,000 when it cannot be read. */
    static int defaultMaxConnections() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long fds = unix.getMaxFileDescriptorCount();
            if (fds > 0) {
                return (int) Math.max(16, Math.min(Integer.MAX_VALUE, fds / 4 * 3));
            }
        }
        return 10_000;
    }

    /**
     * Defaults, with HOST and PORT from the environment when set (as uvicorn's --host and --port), and HTTPS when
     * SSL_CERTFILE is set (uvicorn's --ssl-certfile): with SSL_KEYFILE (the PEM key; without it the key is read from
     * SSL_CERTFILE) and SSL_KEYFILE_PASSWORD (for an encrypted key). An SSL_CERTFILE ending in .p12, .pfx or .jks is
     * a keystore, opened with SSL_KEYFILE_PASSWORD.
     */
    public static ServerConfig fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /**
     * Defaults, with HOST, PORT and the SSL_ variables of {@link #fromEnvironment()} from {@code env} when set and
     * not blank.
     *
     * @throws IllegalArgumentException when PORT is not a number from 0 to 65535
     */
    public static ServerConfig fromEnvironment(Function<String, String> env) {
        ServerConfig config = defaults();
        String host = env.apply("HOST");
        if (host != null && !host.isBlank()) {
            config = config.host(host.trim());
        }
        String port = env.apply("PORT");
        if (port != null && !port.isBlank()) {
            config = config.port(parsePort(port));
        }
        TlsConfig tls = tlsFromEnvironment(env);
        return tls == null ? config : config.tls(tls);
    }

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env::get);
    }

    private static TlsConfig tlsFromEnvironment(Function<String, String> env) {
        String cert = blankToNull(env.apply("SSL_CERTFILE"));
        String key = blankToNull(env.apply("SSL_KEYFILE"));
        String password = env.apply("SSL_KEYFILE_PASSWORD");
        if (cert == null) {
            if (key != null) {
                throw new IllegalArgumentException("SSL_KEYFILE is set but SSL_CERTFILE is not: set SSL_CERTFILE to "
                        + "the PEM certificate chain that goes with the key");
            }
            return null;
        }
        String lower = cert.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".p12") || lower.endsWith(".pfx") || lower.endsWith(".jks")) {
            if (key != null) {
                throw new IllegalArgumentException("SSL_CERTFILE is a keystore, which holds the key: unset SSL_KEYFILE");
            }
            return TlsConfig.keyStore(java.nio.file.Path.of(cert), password);
        }
        return new TlsConfig(java.nio.file.Path.of(cert), key == null ? null : java.nio.file.Path.of(key), null,
                blankToNull(password));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("PORT must be a number from 0 to 65535 (0 = any free port), got '"
                + value + "'");
    }

    public ServerConfig host(String newHost) {
        return new ServerConfig(newHost, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, tls, http2, h2c);
    }

    public ServerConfig port(int newPort) {
        return new ServerConfig(host, newPort, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, tls, http2, h2c);
    }

    public ServerConfig shutdownGrace(Duration grace) {
        return new ServerConfig(host, port, grace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, tls, http2, h2c);
    }

    public ServerConfig idleTimeout(Duration timeout) {
        return new ServerConfig(host, port, shutdownGrace, timeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, tls, http2, h2c);
    }

    public ServerConfig maxHeaderBytes(int bytes) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, bytes, headTimeout, minBodyRate, maxConnections, tls, http2, h2c);
    }

    public ServerConfig headTimeout(Duration timeout) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, timeout, minBodyRate, maxConnections, tls, http2, h2c);
    }

    public ServerConfig minBodyRate(int bytesPerSecond) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, bytesPerSecond, maxConnections, tls, http2, h2c);
    }

    public ServerConfig maxConnections(int connections) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, connections, tls, http2, h2c);
    }

    /** Serves HTTPS with this certificate and key ({@code null}: plain HTTP). */
    public ServerConfig tls(TlsConfig newTls) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, newTls, http2, h2c);
    }

    /** Whether HTTP/2 is offered: by ALPN over TLS, and as h2c (if {@link #h2c(boolean)} is on) on a plain port. */
    public ServerConfig http2(boolean enabled) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, tls, enabled, h2c);
    }

    /** Whether a plain port accepts cleartext HTTP/2 with prior knowledge (only while {@link #http2()} is on). */
    public ServerConfig h2c(boolean enabled) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, tls, http2, enabled);
    }

    /** "https" with TLS, else "http": the scheme of request URLs. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }
}
