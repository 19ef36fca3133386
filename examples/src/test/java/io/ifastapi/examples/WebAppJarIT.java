package io.ifastapi.examples;

import io.ifastapi.tls.TestCertificates;
import io.ifastapi.tls.TlsClients;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login app as users run it: {@code PORT=... java -jar examples/target/ifastapi-webapp.jar}. The jar must carry
 * the precompiled templates (no template compiler runs) and the stylesheet, served from inside the jar; and, as
 * docs/tutorial-login-app.md runs it, over HTTPS with SSL_CERTFILE/SSL_KEYFILE and HSTS_MAX_AGE.
 */
@Timeout(90)
class WebAppJarIT {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @Test
    void theJarServesItsPagesAndStylesheet(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("ifastapi.webapp.jar", "target/ifastapi-webapp.jar"));
        assertThat(jar).as("built by package").isRegularFile();
        int port = freePort();
        Path log = dir.resolve("webapp.log");
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SECRET_KEY", "webapp-jar-it-secret-0123456789abcdef0123456789");
        builder.environment().put("SESSION_BACKEND", "memory");
        builder.environment().remove("HOST");
        builder.environment().remove("TEMPLATES_DIR");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> login = await(http, base.resolve("/login"), process, log);
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("cache-control")).hasValue("no-store");
            assertThat(login.body()).contains("<title>Log in · iFastAPI shop</title>")
                    .containsPattern("<input type=\"hidden\" name=\"csrf_token\" value=\"[A-Za-z0-9_-]{86}\">");

            HttpResponse<String> css = http.send(HttpRequest.newBuilder(base.resolve("/static/app.css")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("content-type").orElseThrow()).startsWith("text/css");
            assertThat(css.body()).contains("--accent");

            HttpResponse<String> cart = http.send(HttpRequest.newBuilder(base.resolve("/cart")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cart.statusCode()).isEqualTo(303);
            assertThat(cart.headers().firstValue("location")).hasValue("/login?next=%2Fcart");

            process.destroy();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("Sessions: memory backend");
        } finally {
            http.shutdownNow();
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void overHttpsTheJarSetsASecureCookieAndHsts(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("ifastapi.webapp.jar", "target/ifastapi-webapp.jar"));
        assertThat(jar).as("built by package").isRegularFile();
        int port = freePort();
        Path log = dir.resolve("webapp-https.log");
        TestCertificates certs = TlsClients.certificates();
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SECRET_KEY", "webapp-jar-it-secret-0123456789abcdef0123456789");
        builder.environment().put("SSL_CERTFILE", certs.certFile().toString());
        builder.environment().put("SSL_KEYFILE", certs.keyFile().toString());
        builder.environment().put("HSTS_MAX_AGE", "31536000");
        builder.environment().remove("HOST");
        builder.environment().remove("TEMPLATES_DIR");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        HttpClient http = TlsClients.httpClient(HttpClient.Version.HTTP_2).build();
        try {
            HttpResponse<String> login = await(http, URI.create("https://127.0.0.1:" + port + "/login"), process, log);
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(login.body()).contains("<title>Log in · iFastAPI shop</title>");
            assertThat(login.headers().firstValue("set-cookie").orElseThrow())
                    .contains("; httponly; samesite=lax; secure");
            assertThat(login.headers().firstValue("strict-transport-security")).hasValue("max-age=31536000");
            process.destroy();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("Secure cookie (https only)");
        } finally {
            http.shutdownNow();
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> await(HttpClient http, URI uri, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            assertThat(process.isAlive()).as("the app exited:\n%s", Files.readString(log)).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no answer within " + STARTUP + ":\n" + Files.readString(log));
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
