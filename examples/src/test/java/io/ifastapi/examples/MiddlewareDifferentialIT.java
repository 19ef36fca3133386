package io.ifastapi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The differential test of the standard middleware: the runnable jar {@code ifastapi-middleware.jar}
 * ({@link MiddlewareApp}) and its Starlette twin ({@code src/test/python/middleware_twin.py}, served by uvicorn from
 * the venv of {@code scripts/python-venv.sh}) get the same requests (preflights allowed and refused, credentials,
 * regex origins, gzip by size, media type and Accept-Encoding, streams, trusted and untrusted hosts, the https
 * redirect) and must give the same status, body and the headers these middleware own.
 *
 * <p>Without Python the test is skipped on a developer's machine and fails in CI ({@code CI=true}).
 */
@Timeout(300)
class MiddlewareDifferentialIT {
    /** Headers the middleware (and the routes) own; server headers such as Date and Server are not compared. */
    private static final List<String> COMPARED = List.of(
            "access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods",
            "access-control-allow-headers", "access-control-max-age", "access-control-expose-headers",
            "access-control-allow-private-network", "vary", "content-encoding", "content-length", "content-type",
            "location", "x-total", "allow");

    private static Process java;
    private static Process python;
    private static int javaPort;
    private static int pythonPort;
    private static Path logs;

    @BeforeAll
    static void startBoth() throws Exception {
        logs = Files.createDirectories(Path.of("target", "differential"));
        String pythonPath = TwinProcesses.findPython(logs, "import starlette, uvicorn", "Starlette");
        Path jar = Path.of(System.getProperty("ifastapi.middleware.jar", "target/ifastapi-middleware.jar"));
        assertThat(jar).as("built by package").isRegularFile();

        javaPort = TwinProcesses.freePort();
        java = TwinProcesses.startJar(jar, javaPort, Map.of(), logs.resolve("middleware-java.log"));

        pythonPort = TwinProcesses.freePort();
        python = TwinProcesses.startUvicorn(pythonPath, "middleware_twin:app", pythonPort, Map.of(),
                logs.resolve("middleware-python.log"));

        TwinProcesses.awaitReady(java, javaPort, logs.resolve("middleware-java.log"), "/small");
        TwinProcesses.awaitReady(python, pythonPort, logs.resolve("middleware-python.log"), "/small");
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        TwinProcesses.stop(java, python);
    }

    @Test
    void everyRequestIsAnsweredAsStarletteAnswersIt() throws Exception {
        List<Probe> probes = probes();
        List<String> differences = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Probe probe : probes) {
            var ours = RawHttpClient.send(javaPort, probe.method, probe.target, probe.headers, probe.body);
            var theirs = RawHttpClient.send(pythonPort, probe.method, probe.target, probe.headers, probe.body);
            List<String> diff = compare(ours, theirs);
            report.append(diff.isEmpty() ? "same " : "DIFF ").append(probe).append(" -> ").append(theirs.status())
                    .append('\n');
            if (!diff.isEmpty()) {
                differences.add(probe + "\n    " + String.join("\n    ", diff));
            }
        }
        report.append(probes.size()).append(" requests, ").append(differences.size()).append(" differ\n");
        Files.writeString(logs.resolve("middleware-report.txt"), report);
        System.out.println("MiddlewareDifferentialIT: " + probes.size() + " requests compared, "
                + differences.size() + " differ (target/differential/middleware-report.txt)");
        assertThat(differences).as("answers that differ from Starlette's, of %d requests", probes.size()).isEmpty();
        assertThat(probes.size()).isGreaterThan(500);
    }

    private static List<String> compare(RawHttpClient.Answer ours, RawHttpClient.Answer theirs) throws IOException {
        List<String> diff = new ArrayList<>();
        if (ours.status() != theirs.status()) {
            diff.add("status: ours " + ours.status() + ", Starlette's " + theirs.status());
        }
        for (String name : COMPARED) {
            String a = ours.header(name);
            String b = theirs.header(name);
            if (name.equals("content-length") && (ours.chunked() || theirs.chunked())) {
                continue; // a streamed body: neither sends a length (checked below) and chunking is the server's
            }
            if (name.equals("allow") && a != null && b != null) {
                // the router's header, not the middleware's: Starlette lists a Python set, in hash-seed order
                a = sortedTokens(a);
                b = sortedTokens(b);
            }
            if (!Objects.equals(a, b)) {
                diff.add(name + ": ours " + a + ", Starlette's " + b);
            }
        }
        if (ours.chunked() != theirs.chunked()) {
            diff.add("chunked: ours " + ours.chunked() + ", Starlette's " + theirs.chunked());
        }
        if (!Arrays.equals(ours.decodedBody(), theirs.decodedBody())) {
            diff.add("body: ours " + preview(ours.decodedBody()) + ", Starlette's " + preview(theirs.decodedBody()));
        } else if (!ours.chunked() && !theirs.chunked() && !Arrays.equals(ours.rawBody(), theirs.rawBody())) {
            diff.add("compressed bytes differ (same content)");
        }
        return diff;
    }

    private static String sortedTokens(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).sorted().toList().toString();
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "...(" + body.length + " bytes)" : text;
    }

    // ----- the requests -----

    record Probe(String method, String target, List<String[]> headers, byte[] body) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method).append(' ').append(target);
            headers.forEach(h -> s.append(" [").append(h[0]).append(": ").append(h[1]).append(']'));
            if (body != null) {
                s.append(" body=").append(new String(body, StandardCharsets.UTF_8));
            }
            return s.toString();
        }
    }

    private static Probe probe(String method, String target, byte[] body, String... headers) {
        List<String[]> list = new ArrayList<>();
        boolean hasHost = false;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] == null) {
                continue;
            }
            list.add(new String[] {headers[i], headers[i + 1]});
            hasHost |= headers[i].equalsIgnoreCase("host");
        }
        if (!hasHost) {
            list.addFirst(new String[] {"Host", "127.0.0.1"});
        }
        return new Probe(method, target, list, body);
    }

    static List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        String[] origins = {null, "https://shop.example", "http://localhost:3000", "https://api.partner.example",
                "https://a.b.partner.example", "https://evil.example", "http://shop.example", "null"};
        String[] encodings = {null, "gzip", "gzip, deflate, br", "identity", "br", "GZIP"};
        String[] paths = {"/small", "/large", "/text", "/precompressed", "/stream", "/events", "/missing"};
        // simple requests: every path, Accept-Encoding and Origin
        for (String path : paths) {
            for (String encoding : encodings) {
                for (String origin : origins) {
                    probes.add(probe("GET", path, null, "Accept-Encoding", encoding, "Origin", origin));
                }
            }
        }
        // credentialed simple requests
        for (String origin : origins) {
            probes.add(probe("GET", "/large", null, "Origin", origin, "Cookie", "session=abc", "Accept-Encoding", "gzip"));
        }
        // preflights: origin x method x requested headers x private network
        String[] methods = {"GET", "POST", "DELETE", "PUT", "post"};
        String[] requestHeaders = {null, "X-Token", "x-token, content-type", "X-Other", "Content-Type, Accept", ""};
        for (String origin : origins) {
            if (origin == null) {
                continue;
            }
            for (String method : methods) {
                for (String headers : requestHeaders) {
                    probes.add(probe("OPTIONS", "/items", null, "Origin", origin,
                            "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers));
                }
                probes.add(probe("OPTIONS", "/items", null, "Origin", origin, "Access-Control-Request-Method", method,
                        "Access-Control-Request-Private-Network", "true"));
            }
        }
        // OPTIONS that are no preflight: the route's own answer (405)
        probes.add(probe("OPTIONS", "/small", null));
        probes.add(probe("OPTIONS", "/small", null, "Access-Control-Request-Method", "GET"));
        probes.add(probe("OPTIONS", "/small", null, "Origin", "https://shop.example"));
        // the other methods, with and without an allowed origin
        for (String origin : new String[] {null, "https://shop.example", "https://evil.example"}) {
            probes.add(probe("POST", "/items", "{\"name\":\"abc\"}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Origin", origin));
            probes.add(probe("POST", "/items", "{\"name\":\"%s\"}".formatted("n".repeat(700)).getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Origin", origin, "Accept-Encoding", "gzip"));
            probes.add(probe("POST", "/items", "{}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Origin", origin));
            probes.add(probe("DELETE", "/items/5", null, "Origin", origin));
            probes.add(probe("DELETE", "/items/x", null, "Origin", origin));
            probes.add(probe("PUT", "/items", null, "Origin", origin));
            probes.add(probe("HEAD", "/large", null, "Origin", origin, "Accept-Encoding", "gzip"));
        }
        // hosts
        String[] hosts = {"127.0.0.1", "localhost", "localhost:8000", "a.shop.example", "x.y.shop.example:443",
                "shop.example", "evil.example", "127.0.0.1:1", "LOCALHOST", "evilshop.example", "[::1]", "127.0.0.2"};
        for (String host : hosts) {
            for (String path : new String[] {"/small", "/large"}) {
                probes.add(probe("GET", path, null, "Host", host, "Accept-Encoding", "gzip"));
                probes.add(probe("OPTIONS", path, null, "Host", host, "Origin", "https://shop.example",
                        "Access-Control-Request-Method", "GET"));
            }
        }
        // the https redirect, under /secure
        String[] secureHosts = {"127.0.0.1", "localhost:80", "localhost:443", "localhost:8443", "a.shop.example:80",
                "evil.example"};
        for (String host : secureHosts) {
            probes.add(probe("GET", "/secure/account", null, "Host", host));
            probes.add(probe("GET", "/secure/account?next=%2Fhome&a=1", null, "Host", host, "Origin", "https://shop.example"));
            probes.add(probe("POST", "/secure/account", "x".getBytes(StandardCharsets.UTF_8), "Host", host));
            probes.add(probe("GET", "/secure/missing", null, "Host", host, "Accept-Encoding", "gzip"));
        }
        return probes;
    }
}
