package io.ifastapi.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs the system's curl (built with nghttp2: {@code curl -V} lists HTTP2) for what the JDK client cannot do: h2c
 * with prior knowledge. Tests using it are skipped where curl is missing or lacks HTTP/2.
 */
public final class Curl {
    /** @param version curl's {@code %{http_version}}: "1.1", "2"; empty when the request failed */
    public record Result(int exitCode, String version, String body) {
    }

    private Curl() {
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        requireHttp2();
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-w", "\n%{http_version}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("curl did not finish: " + command);
        }
        int newline = output.lastIndexOf('\n');
        String version = output.substring(newline + 1).trim();
        return new Result(process.exitValue(), version.equals("0") ? "" : version, output.substring(0, newline));
    }

    private static void requireHttp2() throws InterruptedException {
        String features;
        try {
            Process process = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            features = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException noCurl) {
            features = "";
        }
        assumeThat(features).as("curl with HTTP/2 support (curl -V lists HTTP2)").contains("HTTP2");
    }
}
