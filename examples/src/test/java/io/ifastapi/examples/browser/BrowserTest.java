package io.ifastapi.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The browser harness itself: it finds the browser, drives it, and leaves no process behind. */
class BrowserTest {

    @Test
    void missingBinariesSayHowToInstallThem() {
        var binaries = ChromiumExtension.locate(Map.of("CHROMEDRIVER", "/nonexistent", "PATH", "/nowhere"));
        assertThat(binaries.found()).isFalse();
        assertThat(binaries.explanation()).contains("CHROMEDRIVER=/nonexistent is not an executable file")
                .contains("apt-get install chromium chromium-driver");
    }

    @Test
    @ExtendWith(ChromiumExtension.class)
    void closeEndsChromiumAndChromedriver() throws IOException {
        var binaries = ChromiumExtension.locate(System::getenv);
        Path seleniumCache = Path.of(System.getProperty("user.home"), ".cache", "selenium");
        boolean cacheBefore = Files.exists(seleniumCache);
        Browser browser = Browser.start(binaries.chromedriver(), binaries.chromium(), null);
        List<ProcessHandle> running;
        Path workDir = browser.workDir();
        try {
            browser.navigate("data:text/html,<p id=x>hello</p>");
            assertThat(browser.executeScript("return document.getElementById('x').textContent")).isEqualTo("hello");
            running = browser.processes();
            // chromedriver, Chromium's browser process and at least one of its helpers (zygote, renderer...)
            assertThat(running).hasSizeGreaterThanOrEqualTo(3);
            assertThat(running.getFirst().info().command()).hasValue(binaries.chromedriver().toString());
        } finally {
            browser.close();
        }
        assertThat(browser.leftovers()).isEmpty();
        assertThat(running).noneMatch(Browser::running);
        assertThat(ProcessHandle.current().descendants().filter(Browser::running)
                .map(p -> p.info().command().orElse("?"))).noneMatch(c -> c.contains("chrom"));
        // Nothing anywhere still names the temporary directory (Chromium's crash handler detaches from its parent).
        try (var all = ProcessHandle.allProcesses()) {
            assertThat(all.filter(Browser::running)
                    .map(p -> p.info().commandLine().orElse(""))).noneMatch(c -> c.contains(workDir.toString()));
        }
        assertThat(workDir).doesNotExist();
        // The driver was given: Selenium Manager never ran (it keeps its downloads and metadata in ~/.cache/selenium).
        assertThat(Files.exists(seleniumCache)).as(seleniumCache + " exists").isEqualTo(cacheBefore);
    }
}
