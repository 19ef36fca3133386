package io.ifastapi.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as users run it: {@code PORT=... java -jar examples/target/ifastapi-demo.jar}. Runs in
 * {@code verify}, after {@code package} has built the jar (maven-failsafe-plugin).
 */
@Timeout(90)
class DemoJarIT {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @Test
    void theJarStartsOnPortAndAnswers(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("ifastapi.demo.jar", "target/ifastapi-demo.jar"));
        assertThat(jar).as("built by package").isRegularFile();
        int port = freePort();
        Path log = dir.resolve("demo.log");
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SECRET_KEY", "demo-jar-it-secret-0123456789abcdef0123456789");
        builder.environment().remove("HOST");
        builder.environment().remove("SESSION_BACKEND");
        builder.environment().remove("REDIS_URL");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> hello = awaitHello(http, base, process, log);
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("{\"message\":\"hello\"}");

            HttpResponse<String> first = http.send(get(base, "/counter"), HttpResponse.BodyHandlers.ofString());
            assertThat(first.body()).isEqualTo("{\"n\":1}");
            String cookie = first.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            HttpResponse<String> second = http.send(HttpRequest.newBuilder(base.resolve("/counter"))
                    .header("Cookie", cookie).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(second.body()).isEqualTo("{\"n\":2}");

            // WS /ws with the session cookie of /set-session: the key first, then the echo
            HttpResponse<String> set = http.send(get(base, "/set-session"), HttpResponse.BodyHandlers.ofString());
            String session = set.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().header("Cookie", session)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            received.add(data.toString()); // short messages: one part each
                            socket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"key\":\"value\"}");
            ws.sendText("echo me", true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo me");

            process.destroy(); // SIGTERM: a graceful stop (the open WebSocket is closed with 1001)
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("Sessions: cookie backend");
        } finally {
            http.shutdownNow();
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> awaitHello(HttpClient http, URI base, Process process, Path log)
            throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            assertThat(process.isAlive()).as("the demo exited:\n%s", Files.readString(log)).isTrue();
            try {
                return http.send(get(base, "/hello"), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no answer on port within " + STARTUP + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
