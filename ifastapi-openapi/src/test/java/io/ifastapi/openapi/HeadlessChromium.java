package io.ifastapi.openapi;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A headless Chromium driven by Selenium through the system chromedriver (paths given, so Selenium Manager never
 * looks for or downloads one). Missing binaries skip the test with the install command, or fail it with CI=true so
 * that a CI machine cannot pass by skipping. The profile lives in a fresh temporary directory.
 */
final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() {
        Path chromium = find("CHROMIUM", "chromium");
        Path chromedriver = find("CHROMEDRIVER", "chromedriver");
        try {
            Path profile = Files.createTempDirectory("ifastapi-openapi-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new HeadlessChromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    private static Path find(String variable, String name) {
        String override = System.getenv(variable);
        Path path = override != null && !override.isBlank() ? Path.of(override) : Path.of("/usr/bin", name);
        if (!Files.isExecutable(path)) {
            String message = "No " + name + " at " + path + " for the browser test; install it with `apt-get install "
                    + "chromium chromium-driver` or set " + variable;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " (CI=true: a missing browser fails the build)");
            }
            Assumptions.abort(message);
        }
        return path;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
