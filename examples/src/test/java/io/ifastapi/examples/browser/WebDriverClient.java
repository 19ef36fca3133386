package io.ifastapi.examples.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small W3C WebDriver client for tests, with no Selenium: starts {@code chromedriver} as a child process, opens one
 * headless Chromium session with a fresh temporary profile, and speaks the WebDriver HTTP protocol with
 * {@link HttpClient} and Jackson. {@link #close()} ends the session, stops chromedriver and makes sure that neither
 * it nor any Chromium process it started is left running.
 *
 * <pre>{@code
 * try (var browser = WebDriverClient.start(Path.of("/usr/bin/chromedriver"), Path.of("/usr/bin/chromium"), null)) {
 *     browser.navigate("http://127.0.0.1:8000/hello");
 *     browser.responseText();   // {"message":"hello"}
 * }
 * }</pre>
 */
public final class WebDriverClient implements AutoCloseable {
    /**
     * A host name the browser resolves to 127.0.0.1 without treating it as local (as it does {@code localhost} and
     * {@code 127.0.0.1}): plain http to it is an insecure context, as to any real site. {@code .test} is reserved.
     */
    public static final String INSECURE_HOST = "insecure.test";

    /** Headless, and quiet: no network of its own (no updates, sync, QUIC, first-run pages, crash uploads). */
    public static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--disable-crash-reporter", "--disable-breakpad",
            "--window-size=1024,768", "--host-resolver-rules=MAP " + INSECURE_HOST + " 127.0.0.1");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Duration COMMAND = Duration.ofSeconds(30);

    private final Process driver;
    private final Path workDir;
    private final Path profile;
    private final HttpClient http;
    private final URI base;
    private final Thread killOnExit;
    private String sessionId;
    private List<ProcessHandle> started = List.of();
    private List<ProcessHandle> leftovers = List.of();

    private WebDriverClient(Process driver, Path workDir, URI base) {
        this.driver = driver;
        this.workDir = workDir;
        this.profile = workDir.resolve("profile");
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.killOnExit = new Thread(this::killAll, "webdriver-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts chromedriver on a free loopback port and a Chromium session in it. Everything Chromium writes goes to a
     * fresh temporary directory: the profile ({@code --user-data-dir}) and, as its HOME, what it would otherwise
     * put in the user's home (its crash handler's database, caches).
     *
     * @param log where chromedriver's output goes, or null to discard it
     */
    public static WebDriverClient start(Path chromedriver, Path chromium, Path log) throws IOException {
        Objects.requireNonNull(chromedriver, "chromedriver");
        Objects.requireNonNull(chromium, "chromium");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (log == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Path workDir = Files.createTempDirectory("ifastapi-chromium-");
        Process driver;
        try {
            Path home = Files.createDirectories(workDir.resolve("home"));
            builder.environment().put("HOME", home.toString());
            builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
            driver = builder.start();
        } catch (IOException | RuntimeException e) {
            deleteRecursively(workDir);
            throw e;
        }
        WebDriverClient client = new WebDriverClient(driver, workDir, URI.create("http://127.0.0.1:" + port));
        try {
            client.awaitReady();
            client.newSession(chromium);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!driver.isAlive()) {
                throw new IOException("chromedriver exited with status " + driver.exitValue() + " before it was ready");
            }
            try {
                JsonNode status = send("GET", "/status", null);
                if (status.path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(50);
        }
        throw new IOException("chromedriver did not answer on " + base + " within " + STARTUP.toSeconds() + " s");
    }

    private void newSession(Path chromium) throws IOException {
        List<String> args = new ArrayList<>(CHROMIUM_ARGS);
        args.add("--user-data-dir=" + profile);
        Map<String, Object> capabilities = Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "pageLoadStrategy", "normal",
                "timeouts", Map.of("pageLoad", 15_000, "script", 10_000),
                "goog:chromeOptions", Map.of("binary", chromium.toString(), "args", args)));
        JsonNode value = send("POST", "/session", Map.of("capabilities", capabilities));
        sessionId = value.path("sessionId").asText(null);
        if (sessionId == null) {
            throw new IOException("chromedriver gave no session id: " + value);
        }
        started = processes();
    }

    // ----- commands -----

    /** Opens a URL in the window and waits until the page has loaded (whatever its status: a 500 page loads too). */
    public void navigate(String url) {
        command("POST", "/url", Map.of("url", url));
    }

    /** The page's HTML, as the browser holds it now. */
    public String pageSource() {
        return command("GET", "/source", null).asText();
    }

    /** Runs a script in the page ({@code return ...} gives its value) and returns the result as JSON. */
    public JsonNode executeScript(String script, Object... args) {
        return command("POST", "/execute/sync", Map.of("script", script, "args", List.of(args)));
    }

    /** The text the user sees: {@code document.body.innerText}. */
    public String pageText() {
        return executeScript("return document.body ? document.body.innerText : ''").asText();
    }

    /**
     * The body of a JSON (or plain text) response as received: Chromium shows it in the page's {@code <pre>}, and adds
     * its own JSON viewer controls beside it, which this leaves out.
     */
    public String responseText() {
        return executeScript("const pre = document.querySelector('body > pre');"
                + "return pre ? pre.textContent : document.body.innerText").asText();
    }

    /** {@code document.cookie}: the cookies scripts in the page can read. */
    public String documentCookie() {
        return executeScript("return document.cookie").asText();
    }

    /** Every cookie the browser would send to the current page (WebDriver's Get All Cookies). */
    public List<Cookie> cookies() {
        List<Cookie> cookies = new ArrayList<>();
        for (JsonNode c : command("GET", "/cookie", null)) {
            cookies.add(new Cookie(c.path("name").asText(), c.path("value").asText(), c.path("path").asText(null),
                    c.path("domain").asText(null), c.path("secure").asBoolean(), c.path("httpOnly").asBoolean(),
                    c.path("sameSite").asText(null), c.hasNonNull("expiry") ? c.get("expiry").asLong() : null));
        }
        return cookies;
    }

    public Optional<Cookie> cookie(String name) {
        return cookies().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Deletes the cookies of the current page's domain (WebDriver's Delete All Cookies). */
    public void deleteAllCookies() {
        command("DELETE", "/cookie", null);
    }

    /** Deletes every cookie of every site, whatever page is open (Chromium's DevTools Network.clearBrowserCookies). */
    public void clearAllCookies() {
        command("POST", "/goog/cdp/execute", Map.of("cmd", "Network.clearBrowserCookies", "params", Map.of()));
    }

    /** The HTTP status of the page now shown (Navigation Timing's responseStatus). */
    public int status() {
        return executeScript("return performance.getEntriesByType('navigation')[0].responseStatus").asInt();
    }

    /** A PNG of the viewport. */
    public byte[] screenshot() {
        return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    }

    /** Saves {@link #screenshot()} to a file and returns its path. */
    public Path saveScreenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, screenshot());
    }

    /**
     * chromedriver, every process under it (Chromium's browser, zygote, renderer, utility processes), and those
     * Chromium detached from itself (its crash handler) but which still name the temporary directory.
     */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(driver.toHandle());
        driver.descendants().forEach(all::add);
        String dir = workDir.toString();
        try (Stream<ProcessHandle> everyProcess = ProcessHandle.allProcesses()) {
            everyProcess.filter(p -> !all.contains(p) && p.info().commandLine().orElse("").contains(dir))
                    .forEach(all::add);
        }
        return all;
    }

    /** After {@link #close()}: the processes seen while the browser ran that still live. Empty when all is well. */
    public List<ProcessHandle> leftovers() {
        return leftovers;
    }

    /** The temporary directory of the profile (--user-data-dir) and Chromium's HOME; deleted by {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** A cookie as WebDriver reports it; {@code expiry} is in seconds since the epoch, null for a session cookie. */
    public record Cookie(String name, String value, String path, String domain, boolean secure, boolean httpOnly,
                         String sameSite, Long expiry) {
        /** The bytes browsers count against their 4096-byte limit: name and value. */
        public int nameAndValueLength() {
            return name.length() + value.length();
        }
    }

    // ----- protocol -----

    private JsonNode command(String method, String path, Object body) {
        if (sessionId == null) {
            throw new IllegalStateException("No WebDriver session (closed?)");
        }
        try {
            return send(method, "/session/" + sessionId + path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** One WebDriver call; returns its {@code value}, or throws with WebDriver's error and message. */
    private JsonNode send(String method, String path, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(COMMAND)
                .header("content-type", "application/json; charset=utf-8");
        request.method(method, body == null && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body == null ? Map.of() : body)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode json = JSON.readTree(response.body());
        JsonNode value = json == null ? null : json.get("value");
        if (response.statusCode() != 200) {
            String error = value == null ? response.body() : value.path("error").asText() + ": "
                    + value.path("message").asText();
            throw new IllegalStateException("WebDriver " + method + " " + path + " -> " + response.statusCode()
                    + " " + error);
        }
        return value;
    }

    // ----- shutdown -----

    /** Ends the session (Chromium quits), stops chromedriver, kills whatever is left, deletes the profile. */
    @Override
    public void close() {
        List<ProcessHandle> seen = new ArrayList<>(started);
        seen.addAll(processes());
        if (sessionId != null && driver.isAlive()) {
            try {
                send("DELETE", "/session/" + sessionId, null);
            } catch (IOException | RuntimeException e) {
                // the processes are killed below anyway
            }
        }
        sessionId = null;
        killAll();
        seen.addAll(processes());
        leftovers = seen.stream().distinct().filter(WebDriverClient::running).toList();
        deleteRecursively(workDir);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will
        }
    }

    private void killAll() {
        List<ProcessHandle> all = new ArrayList<>(started);
        all.addAll(processes());
        driver.destroy();
        try {
            if (!driver.waitFor(5, TimeUnit.SECONDS)) {
                driver.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle process : all) {
            if (running(process)) {
                process.destroyForcibly();
            }
        }
        Instant deadline = Instant.now().plusSeconds(5);
        while (all.stream().anyMatch(WebDriverClient::running) && Instant.now().isBefore(deadline)) {
            sleep(20);
        }
    }

    /**
     * Whether a process still runs: alive and not a zombie. Chromium's helpers that outlive their parent are
     * re-parented to PID 1, which in some containers never reaps them; an exited, unreaped process runs nothing.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return process.isAlive();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
