package io.ifastapi.sessions.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, private redis-server process for tests: on a free loopback port, without persistence, in a temporary
 * directory. It can be stopped and started again on the same port, and frozen (SIGSTOP) to play a server that
 * accepts connections but never answers. {@link #startSentinel} starts a Redis Sentinel in front of one.
 *
 * <p>The binary is {@code $IFASTAPI_REDIS_SERVER} or {@code -Difastapi.redis.server} if set (set it to a
 * missing path to test the "not installed" case), else {@code redis-server} on the PATH, else
 * {@code /usr/bin/redis-server} or {@code /usr/local/bin/redis-server}.
 */
public final class RedisServer implements AutoCloseable {

    public static final String LOCATION_ENV = "IFASTAPI_REDIS_SERVER";
    public static final String LOCATION_PROPERTY = "ifastapi.redis.server";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path executable;
    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    /** Set for a sentinel: its config file, which it rewrites as it learns the topology. */
    private final String sentinelConfig;
    private final Thread killOnExit = new Thread(this::kill, "redis-server-kill-on-exit");
    private Process process;
    private boolean frozen;

    private RedisServer(Path executable, int port, List<String> extraArgs, String sentinelConfig) throws IOException {
        this.executable = executable;
        this.dir = Files.createTempDirectory("ifastapi-redis-");
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.sentinelConfig = sentinelConfig;
    }

    /** Where redis-server is, or why it was not found. */
    public sealed interface Location {
        record Found(Path executable) implements Location {}

        record Missing(String reason) implements Location {}
    }

    public static Location locate() {
        String property = System.getProperty(LOCATION_PROPERTY);
        String configured = property != null ? property : System.getenv(LOCATION_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            String setting = (property != null ? "-D" + LOCATION_PROPERTY : LOCATION_ENV) + "=" + configured;
            return Files.isExecutable(path) && !Files.isDirectory(path)
                    ? new Location.Found(path)
                    : new Location.Missing(setting + " is not an executable file");
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Stream<Path> candidates = Stream.concat(
                Stream.of(pathVariable.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, "redis-server")),
                Stream.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server")));
        return candidates.filter(Files::isExecutable).findFirst()
                .<Location>map(Location.Found::new)
                .orElseGet(() -> new Location.Missing("redis-server is not on the PATH, in /usr/bin or in /usr/local/bin"));
    }

    /** Starts a server on a free port; {@code extraArgs} are more redis-server options, e.g. --requirepass. */
    public static RedisServer start(Path executable, String... extraArgs) throws IOException {
        return startOnFreePort(executable, List.of(extraArgs), null);
    }

    /** Starts a Redis Sentinel that monitors {@code master} under the name {@code masterName}, quorum 1. */
    public static RedisServer startSentinel(RedisServer master, String masterName) throws IOException {
        String config = "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n";
        return startOnFreePort(master.executable, List.of(), config);
    }

    private static RedisServer startOnFreePort(Path executable, List<String> extraArgs, String sentinelConfig)
            throws IOException {
        IOException lastFailure = null;
        // Another process may take the free port between our probe and redis-server's bind: try a few ports.
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer server = new RedisServer(executable, freePort(), extraArgs, sentinelConfig);
            try {
                server.start();
                return server;
            } catch (IOException e) {
                server.close();
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port; a restarted server is empty. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        if (sentinelConfig != null) {
            Path config = dir.resolve("sentinel.conf");
            if (Files.notExists(config)) {
                Files.writeString(config, sentinelConfig);
            }
            command.addAll(List.of(config.toString(), "--sentinel"));
        }
        command.addAll(List.of(
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", dir.toString()));
        command.addAll(extraArgs);
        Path log = dir.resolve("redis.log");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        frozen = false;
        Runtime.getRuntime().addShutdownHook(killOnExit);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IOException("redis-server did not start on port " + port + ":\n" + Files.readString(log));
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Stops the server: SIGTERM, then SIGKILL if it is still running after 5 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        if (frozen) {
            thaw();
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing to remove.
        }
    }

    /** Suspends the process (SIGSTOP): connections stay open but nothing is answered, like a hung server. */
    public void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Resumes a frozen server (SIGCONT); it then answers what it received meanwhile. */
    public void thaw() {
        signal("CONT");
        frozen = false;
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis-server is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True once the server answers PING (+PONG, or -NOAUTH when it requires a password). */
    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return reply != null && (reply.equals("+PONG") || reply.startsWith("-NOAUTH"));
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A loopback port that nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
