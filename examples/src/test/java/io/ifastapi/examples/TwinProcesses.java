package io.ifastapi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What the differential tests share: finding a Python with the twin's packages, waiting for a server to answer,
 * picking a free port. Without such a Python a test is skipped on a developer's machine and fails in CI
 * ({@code CI=true}).
 */
final class TwinProcesses {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private TwinProcesses() {
    }

    /**
     * IFASTAPI_PYTHON (set by .ci/run) when it passes {@code check}, else the one {@code scripts/python-venv.sh}
     * prints.
     *
     * @param check a Python statement that fails when the twin cannot run, e.g. {@code import starlette, uvicorn}
     * @param needs what is missing, for the message, e.g. "Starlette"
     */
    static String findPython(Path logs, String check, String needs) throws Exception {
        String given = System.getenv("IFASTAPI_PYTHON");
        if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given)) && passes(given, check)) {
            return given;
        }
        Path script = Path.of("..", "scripts", "python-venv.sh").toAbsolutePath().normalize();
        String failure;
        if (Files.isRegularFile(script)) {
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectError(logs.resolve("python-venv.log").toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            if (done && p.exitValue() == 0 && !out.isEmpty()) {
                String python = out.lines().reduce((a, b) -> b).orElseThrow();
                if (passes(python, check)) {
                    return python;
                }
                failure = python + " fails: " + check;
            } else {
                failure = script + " failed; see target/differential/python-venv.log";
            }
        } else {
            failure = script + " is missing";
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("This differential test needs Python with " + needs + " in CI: " + failure);
        }
        Assumptions.abort("No Python with " + needs + " (" + failure + "); CI=true makes this a failure");
        return null;
    }

    private static boolean passes(String python, String check) throws Exception {
        Process p = new ProcessBuilder(python, "-c", check).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Starts an example jar on {@code port} of 127.0.0.1 with {@code env}, its output in {@code log}. */
    static Process startJar(Path jar, int port, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString());
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Starts {@code module:app} from src/test/python under uvicorn, as the twins are served. */
    static Process startUvicorn(String python, String app, int port, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(python, "-m", "uvicorn", app, "--app-dir", "src/test/python",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--no-proxy-headers", "--log-level",
                "warning");
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Stops each live process: SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process... processes) throws InterruptedException {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Waits until GET {@code path} answers 200, failing with the server's log if it exits or takes a minute. */
    static void awaitReady(Process process, int port, Path log, String path) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            assertThat(process.isAlive()).as("the server exited:\n%s", Files.readString(log)).isTrue();
            try {
                var answer = RawHttpClient.send(port, "GET", path,
                        List.<String[]>of(new String[] {"Host", "127.0.0.1"}), null);
                if (answer.status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(System.nanoTime()).as("started within %s:\n%s", STARTUP, Files.readString(log))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
