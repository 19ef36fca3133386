package io.ifastapi.server;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Where and how to serve. Defaults: 127.0.0.1:8000 (loopback only, as uvicorn; use host 0.0.0.0 to be reachable
 * from other machines), 30 s to finish in-flight requests at shutdown, 30 s idle timeout for keep-alive
 * connections, 8 KiB of request headers (Jetty's and most servers' limit).
 */
public record ServerConfig(String host, int port, Duration shutdownGrace, Duration idleTimeout, int maxHeaderBytes) {

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
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8000, Duration.ofSeconds(30), Duration.ofSeconds(30), 8192);
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
        return new ServerConfig(newHost, port, shutdownGrace, idleTimeout, maxHeaderBytes);
    }

    public ServerConfig port(int newPort) {
        return new ServerConfig(host, newPort, shutdownGrace, idleTimeout, maxHeaderBytes);
    }

    public ServerConfig shutdownGrace(Duration grace) {
        return new ServerConfig(host, port, grace, idleTimeout, maxHeaderBytes);
    }

    public ServerConfig idleTimeout(Duration timeout) {
        return new ServerConfig(host, port, shutdownGrace, timeout, maxHeaderBytes);
    }

    public ServerConfig maxHeaderBytes(int bytes) {
        return new ServerConfig(host, port, shutdownGrace, idleTimeout, bytes);
    }
}
