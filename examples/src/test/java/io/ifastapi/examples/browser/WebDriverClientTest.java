package io.ifastapi.examples.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebDriver client itself: it finds the browser, drives it, and leaves no process behind. */
class WebDriverClientTest {

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
        WebDriverClient client = WebDriverClient.start(binaries.chromedriver(), binaries.chromium(), null);
        List<ProcessHandle> running;
        Path workDir = client.workDir();
        try {
            client.navigate("data:text/html,<p id=x>hello</p>");
            assertThat(client.executeScript("return document.getElementById('x').textContent").asText())
                    .isEqualTo("hello");
            running = client.processes();
            // chromedriver, Chromium's browser process and at least one of its helpers (zygote, renderer...)
            assertThat(running).hasSizeGreaterThanOrEqualTo(3);
        } finally {
            client.close();
        }
        assertThat(client.leftovers()).isEmpty();
        assertThat(running).noneMatch(WebDriverClient::running);
        assertThat(ProcessHandle.current().descendants().filter(WebDriverClient::running)
                .map(p -> p.info().command().orElse("?"))).noneMatch(c -> c.contains("chrom"));
        // Nothing anywhere still names the temporary directory (Chromium's crash handler detaches from its parent).
        try (var all = ProcessHandle.allProcesses()) {
            assertThat(all.filter(WebDriverClient::running)
                    .map(p -> p.info().commandLine().orElse(""))).noneMatch(c -> c.contains(workDir.toString()));
        }
        assertThat(workDir).doesNotExist();
    }
}
