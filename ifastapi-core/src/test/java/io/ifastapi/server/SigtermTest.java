package io.ifastapi.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGTERM to a real process running {@code app.run()}: the in-flight request still gets its 200, the app's
 * shutdown hooks run, and the JVM exits with 143 (128 + SIGTERM's 15: what a JVM that ran its shutdown hooks after
 * SIGTERM returns; exit code 0 would need a hook calling {@code Runtime.halt(0)}, which would skip other hooks).
 */
@EnabledOnOs({OS.LINUX, OS.MAC}) // Process.destroy() is SIGTERM there
@Timeout(60)
public abstract class SigtermTest {

    /** The child's main class: {@link SlowApp} served by the adapter under test (each adapter module has one). */
    protected abstract Class<?> appMainClass();

    @Test
    void sigtermLetsTheInFlightRequestFinish(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                // The test classpath's simplelogger.properties quiets io.ifastapi.server to warn; this test reads
                // the server's info lines ("Shutting down", "Server stopped"), so turn them back on in the child.
                "-Dorg.slf4j.simpleLogger.log.io.ifastapi.server=info",
                "-cp", System.getProperty("java.class.path"),
                appMainClass().getName());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("HOST");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(client, base.resolve("/health"), process, log);

            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(base.resolve("/slow")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitOutput(log, "slow request started");

            process.destroy(); // SIGTERM

            HttpResponse<String> response = slow.get(15, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow done");
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("exited").isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(Files.readString(log))
                    .contains("Shutting down")
                    .contains("slow request finished")
                    .contains("app shutdown hook ran")
                    .contains("Server stopped");
            String output = Files.readString(log);
            assertThat(output.indexOf("slow request finished")).isLessThan(output.indexOf("app shutdown hook ran"));
        } finally {
            client.shutdownNow();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitHealthy(HttpClient client, URI health, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the app died:\n%s", Files.readString(log)).isTrue();
            try {
                var response = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app did not answer within 20 s:\n" + Files.readString(log));
    }

    private static void awaitOutput(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + text + "' in the output:\n" + Files.readString(log));
    }
}
