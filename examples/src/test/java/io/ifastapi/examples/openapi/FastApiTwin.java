package io.ifastapi.examples.openapi;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A FastAPI twin kept in src/test/python, served by uvicorn on a free loopback port with the project's Python
 * (IFASTAPI_PYTHON, else scripts/python-venv.sh). Without such a Python the test is skipped, or failed when
 * {@code CI=true}.
 */
final class FastApiTwin implements AutoCloseable {
    private static final Path LOGS = Path.of("target", "differential");
    private final Process process;
    private final int port;

    private FastApiTwin(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves {@code module}'s {@code app} (a file of src/test/python) and waits until it answers. */
    static FastApiTwin start(String module) throws Exception {
        String python = python();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(LOGS);
        Process process = new ProcessBuilder(python, "-m", "uvicorn", module + ":app", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--log-level", "warning")
                .directory(Path.of("src", "test", "python").toFile())
                .redirectErrorStream(true).redirectOutput(LOGS.resolve(module + ".log").toFile()).start();
        FastApiTwin twin = new FastApiTwin(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // a loaded machine imports slowly
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " did not start; see " + LOGS.resolve(module + ".log"));
            }
            try {
                twin.get("/openapi.json");
                return twin;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        twin.close();
        throw new IllegalStateException(module + " did not answer in 90 s; see " + LOGS.resolve(module + ".log"));
    }

    String get(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The project's Python with FastAPI and uvicorn, or the test is skipped (failed in CI). */
    static String python() throws Exception {
        String failure;
        String given = System.getenv("IFASTAPI_PYTHON"); // .ci/run sets it from scripts/python-venv.sh
        if (given != null && !given.isBlank() && hasFastApi(given)) {
            return given;
        }
        Path script = Path.of("..", "scripts", "python-venv.sh").toAbsolutePath().normalize();
        if (Files.isRegularFile(script)) {
            Files.createDirectories(LOGS);
            Process p = new ProcessBuilder("bash", script.toString())
                    .redirectError(LOGS.resolve("python-venv.log").toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0 && !out.isEmpty()) {
                String python = out.lines().reduce((a, b) -> b).orElseThrow();
                if (hasFastApi(python)) {
                    return python;
                }
                failure = python + " has no fastapi/uvicorn";
            } else {
                failure = script + " failed; see " + LOGS.resolve("python-venv.log");
            }
        } else {
            failure = script + " is missing";
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("The OpenAPI differential test needs Python with FastAPI in CI: " + failure);
        }
        Assumptions.abort("No Python with FastAPI (" + failure + "); CI=true makes this a failure");
        return null;
    }

    private static boolean hasFastApi(String python) throws Exception {
        Process check = new ProcessBuilder(python, "-c", "import fastapi, uvicorn").start();
        return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    }
}
