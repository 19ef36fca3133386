package io.ifastapi.examples.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium, driven by Selenium's {@link ChromeDriver} through the system chromedriver, plus the few reads
 * the browser tests make that WebDriver has no command for (the response body as shown, the page's HTTP status,
 * clearing the cookies of every site). Everything Chromium writes goes to a fresh temporary directory: the profile
 * ({@code --user-data-dir}) and, as its HOME, what it would otherwise put in the user's home. {@link #close()} quits
 * the browser and makes sure that neither chromedriver nor any Chromium process is left running.
 *
 * <p>The driver and browser paths are given explicitly, so Selenium Manager never looks for (or downloads) either.
 *
 * <pre>{@code
 * try (var browser = Browser.start(Path.of("/usr/bin/chromedriver"), Path.of("/usr/bin/chromium"), null)) {
 *     browser.navigate("http://127.0.0.1:8000/hello");
 *     browser.responseText();   // {"message":"hello"}
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
    /**
     * A host name the browser resolves to 127.0.0.1 without treating it as local (as it does {@code localhost} and
     * {@code 127.0.0.1}): plain http to it is an insecure context, as to any real site. {@code .test} is reserved.
     */
    public static final String INSECURE_HOST = "insecure.test";

    /**
     * Headless, and quiet: no network of its own (no updates, sync, QUIC, first-run pages, crash uploads). It accepts
     * any certificate, as the HTTPS tests serve a self-signed one made for the run (TlsClients): only this throwaway
     * profile, reaching loopback servers of the tests, ever sees it.
     */
    public static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--disable-crash-reporter", "--disable-breakpad",
            "--window-size=1024,768", "--host-resolver-rules=MAP " + INSECURE_HOST + " 127.0.0.1",
            "--ignore-certificate-errors");

    /**
     * ChromeDriver looks for a selenium-devtools module matching the browser's version, for DevTools over WebSocket,
     * and warns when there is none ("Unable to find CDP implementation matching 156"). The tests use no such
     * module: {@link #clearAllCookies()} goes through chromedriver's own CDP endpoint, which works with any version.
     * Held in a field, as java.util.logging keeps only weak references to loggers.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
    private static final Duration PAGE_LOAD = Duration.ofSeconds(15);
    private static final Duration SCRIPT = Duration.ofSeconds(10);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path workDir;
    private final Thread killOnExit;
    private final List<ProcessHandle> started;
    private List<ProcessHandle> leftovers = List.of();

    private Browser(ChromeDriverService service, ChromeDriver driver, Path workDir) {
        this.service = service;
        this.driver = driver;
        this.workDir = workDir;
        this.started = processes();
        this.killOnExit = new Thread(this::killAll, "browser-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts chromedriver on a free loopback port and a Chromium session in it.
     *
     * @param log where chromedriver's output goes, or null to discard it
     */
    public static Browser start(Path chromedriver, Path chromium, Path log) throws IOException {
        Objects.requireNonNull(chromedriver, "chromedriver");
        Objects.requireNonNull(chromium, "chromium");
        Path workDir = Files.createTempDirectory("ifastapi-chromium-");
        ChromeDriverService service = null;
        try {
            Path home = Files.createDirectories(workDir.resolve("home"));
            ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("HOME", home.toString(),
                            "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                            "XDG_CACHE_HOME", home.resolve(".cache").toString()));
            if (log == null) {
                builder.withLogOutput(OutputStream.nullOutputStream());
            } else {
                Files.createDirectories(log.toAbsolutePath().getParent());
                builder.withLogFile(log.toFile());
            }
            service = builder.build();
            ChromeOptions options = new ChromeOptions()
                    .setBinary(chromium.toFile())
                    .addArguments(CHROMIUM_ARGS)
                    .addArguments("--user-data-dir=" + workDir.resolve("profile"));
            options.setPageLoadStrategy(PageLoadStrategy.NORMAL);
            options.setPageLoadTimeout(PAGE_LOAD);
            options.setScriptTimeout(SCRIPT);
            return new Browser(service, new ChromeDriver(service, options), workDir);
        } catch (IOException | RuntimeException e) {
            if (service != null) {
                service.stop();
            }
            deleteRecursively(workDir);
            throw e;
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Selenium's driver, for anything the methods here do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    // ----- pages -----

    /** Opens a URL in the window and waits until the page has loaded (whatever its status: a 500 page loads too). */
    public void navigate(String url) {
        driver.get(url);
    }

    /** Runs a script in the page ({@code return ...} gives its value: a String, Boolean, Long, List or Map). */
    public Object executeScript(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** The text the user sees: {@code document.body.innerText}. */
    public String pageText() {
        return (String) executeScript("return document.body ? document.body.innerText : ''");
    }

    /**
     * The body of a JSON (or plain text) response as received: Chromium shows it in the page's {@code <pre>}, and adds
     * its own JSON viewer controls beside it, which this leaves out.
     */
    public String responseText() {
        return (String) executeScript("const pre = document.querySelector('body > pre');"
                + "return pre ? pre.textContent : document.body.innerText");
    }

    /** The HTTP status of the page now shown (Navigation Timing's responseStatus; WebDriver does not report it). */
    public int status() {
        return ((Number) executeScript("return performance.getEntriesByType('navigation')[0].responseStatus"))
                .intValue();
    }

    /** Saves a PNG of the viewport to a file and returns its path. */
    public Path saveScreenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    // ----- cookies -----

    /** {@code document.cookie}: the cookies scripts in the page can read. */
    public String documentCookie() {
        return (String) executeScript("return document.cookie");
    }

    /** Every cookie the browser would send to the current page (WebDriver's Get All Cookies). */
    public List<Cookie> cookies() {
        return List.copyOf(driver.manage().getCookies());
    }

    public Optional<Cookie> cookie(String name) {
        return Optional.ofNullable(driver.manage().getCookieNamed(name));
    }

    /**
     * Deletes every cookie of every site, whatever page is open (Chromium's DevTools Network.clearBrowserCookies;
     * WebDriver's Delete All Cookies only reaches the current page's domain).
     */
    public void clearAllCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** The bytes browsers count against their 4096-byte limit: name and value. */
    public static int nameAndValueLength(Cookie cookie) {
        return cookie.getName().length() + cookie.getValue().length();
    }

    /** A cookie's expiry in seconds since the epoch (WebDriver's unit; Selenium hands it out as a Date). */
    public static long expiryEpochSecond(Cookie cookie) {
        return Objects.requireNonNull(cookie.getExpiry(), "a session cookie has no expiry").toInstant()
                .getEpochSecond();
    }

    // ----- processes -----

    /**
     * chromedriver (the child of this JVM listening on the service's port), every process under it (Chromium's
     * browser, zygote, renderer, utility processes), and those Chromium detached from itself (its crash handler)
     * but which still name the temporary directory.
     */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        String port = "--port=" + service.getUrl().getPort();
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(port))
                .forEach(chromedriver -> {
                    all.add(chromedriver);
                    chromedriver.descendants().forEach(all::add);
                });
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

    /** Quits Chromium and chromedriver, kills whatever is left, deletes the temporary directory. */
    @Override
    public void close() {
        List<ProcessHandle> seen = new ArrayList<>(started);
        seen.addAll(processes());
        try {
            driver.quit();   // ends the session and stops the service (chromedriver)
        } catch (RuntimeException e) {
            // the processes are killed below anyway
        }
        killAll();
        seen.addAll(processes());
        leftovers = seen.stream().distinct().filter(Browser::running).toList();
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
        service.stop();
        for (ProcessHandle process : all) {
            if (running(process)) {
                process.destroyForcibly();
            }
        }
        Instant deadline = Instant.now().plusSeconds(5);
        while (all.stream().anyMatch(Browser::running) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
}
