package io.ifastapi.examples;

import java.io.IOException;
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
 * ({@link TwinProcesses#findPython}: skipped without one, failed with {@code CI=true}), for tests that read what it
 * serves (the OpenAPI differential test reads its /openapi.json).
 */
public final class FastApiTwin implements AutoCloseable {
    private static final Path LOGS = Path.of("target", "differential");
    private final Process process;
    private final int port;

    private FastApiTwin(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves {@code module}'s {@code app} (a file of src/test/python) and waits until GET {@code ready} answers. */
    public static FastApiTwin start(String module, String ready) throws Exception {
        Files.createDirectories(LOGS);
        String python = TwinProcesses.findPython(LOGS, "import fastapi, uvicorn, multipart", "FastAPI");
        int port = TwinProcesses.freePort();
        Path log = LOGS.resolve(module + ".log");
        Process process = new ProcessBuilder(python, "-m", "uvicorn", module + ":app", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--log-level", "warning")
                .directory(Path.of("src", "test", "python").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        FastApiTwin twin = new FastApiTwin(process, port);
        try {
            TwinProcesses.awaitReady(process, port, log, ready);
        } catch (Exception | AssertionError e) {
            twin.close();
            throw e;
        }
        return twin;
    }

    /** The body of GET {@code path}, which must answer 200. */
    public String get(String path) throws IOException, InterruptedException {
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
}
