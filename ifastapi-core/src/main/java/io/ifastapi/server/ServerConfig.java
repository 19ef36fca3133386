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
 */
public record ServerConfig(String host, int port, Duration shutdownGrace, Duration idleTimeout, int maxHeaderBytes,
                           Duration headTimeout, int minBodyRate, int maxConnections, WebSocketConfig webSockets) {

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
        if (webSockets == null) {
            throw new IllegalArgumentException("webSockets must not be null; start from WebSocketConfig.defaults()");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8000, Duration.ofSeconds(30), Duration.ofSeconds(30), 8192,
                Duration.ofSeconds(20), 500, defaultMaxConnections(), WebSocketConfig.defaults());
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

    /** Defaults, with HOST and PORT from the environment when set (as uvicorn's --host and --port). */
    public static ServerConfig fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /**
     * Defaults, with HOST and PORT from {@code env} when set and not blank.
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
        return config;
    }

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env::get);
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
        return new ServerConfig(newHost, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, webSockets);
    }

    public ServerConfig port(int newPort) {
        return new ServerConfig(host, newPort, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, webSockets);
    }

    public ServerConfig shutdownGrace(Duration grace) {
        return new ServerConfig(host, port, grace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, webSockets);
    }

    public ServerConfig idleTimeout(Duration timeout) {
        return new ServerConfig(host, port, shutdownGrace, timeout, maxHeaderBytes, headTimeout, minBodyRate, maxConnections, webSockets);
    }

    public ServerConfig maxHeaderBytes(int bytes) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, bytes, headTimeout, minBodyRate, maxConnections, webSockets);
    }

    public ServerConfig headTimeout(Duration timeout) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, timeout, minBodyRate, maxConnections, webSockets);
    }

    public ServerConfig minBodyRate(int bytesPerSecond) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, bytesPerSecond, maxConnections, webSockets);
    }

    public ServerConfig maxConnections(int connections) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate, connections, webSockets);
    }

    /** The WebSocket limits: message size, pings, queue ({@link WebSocketConfig}, uvicorn's defaults). */
    public ServerConfig webSockets(WebSocketConfig config) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, maxHeaderBytes, headTimeout, minBodyRate,
                maxConnections, config);
    }
}
