package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * /docs and /redoc in a real headless Chromium, served by the real Netty adapter behind a strict
 * Content-Security-Policy (scripts from the app's own origin only, nothing from elsewhere): every operation of the
 * shop renders. Saves a screenshot of /docs to target/screenshots/ and, with
 * {@code -Dopenapi.updateGuideScreenshot=true}, to the guide's docs/images/openapi-docs.png.
 */
class DocsBrowserTest {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";
    private static HeadlessChromium browser;
    private static Server server;
    private static String base;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.start();
        IFastAPI app = ShopApp.create();
        app.addMiddleware((request, next) -> next.handle(request).header("content-security-policy", CSP));
        OpenApi.install(app, docs -> docs.title("Shop").description("The shop of the guide."));
        server = app.start(ServerConfig.defaults().host("127.0.0.1").port(0));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static final List<String> OPERATIONS = List.of("GET /items/{item_id}", "DELETE /items/{item_id}",
            "POST /items", "GET /files/{rest}", "PUT /prices/{price}", "GET /ping", "POST /ping");

    @Test
    void swaggerUiRendersEveryOperation() throws Exception {
        var driver = browser.driver();
        driver.get(base + "/docs");
        waitUntil(() -> driver.findElements(By.cssSelector(".opblock")).size() >= OPERATIONS.size(),
                "Swagger UI shows the operations");
        List<String> shown = driver.findElements(By.cssSelector(".opblock")).stream()
                .map(DocsBrowserTest::methodAndPath).toList();
        // An operation with two tags is shown under each: POST /items under "items" and "admin".
        assertThat(shown).filteredOn("POST /items"::equals).hasSize(2);
        assertThat(shown.stream().distinct().toList()).containsExactlyInAnyOrderElementsOf(OPERATIONS);
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).startsWith("Shop");
        assertThat(driver.findElements(By.cssSelector(".opblock-deprecated"))).hasSize(1);
        assertThat(driver.getPageSource()).doesNotContain("/internal/health");

        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "screenshots", "openapi-docs.png");
        Files.createDirectories(target.getParent());
        Files.write(target, png);
        // The guide's copy changes only when asked, so that a test run leaves the work tree clean:
        // ./mvnw -pl ifastapi-openapi -am test -Dtest=DocsBrowserTest -Dsurefire.failIfNoSpecifiedTests=false
        //        -Dopenapi.updateGuideScreenshot=true
        Path guide = Path.of("..", "docs", "images");
        if (Boolean.getBoolean("openapi.updateGuideScreenshot") && Files.isDirectory(guide.getParent())) {
            Files.createDirectories(guide);
            Files.copy(target, guide.resolve("openapi-docs.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void redocRendersEveryOperation() throws Exception {
        var driver = browser.driver();
        driver.get(base + "/redoc");
        // ReDoc writes each operation's summary (or its path when it has none) in the side menu.
        waitUntil(() -> driver.findElements(By.cssSelector("li[data-item-id]")).size() >= OPERATIONS.size(),
                "ReDoc shows the operations");
        // Its menu has an entry per operation (under each of its tags), named by operationId.
        List<String> entries = driver.findElements(By.cssSelector("li[data-item-id]")).stream()
                .map(li -> li.getAttribute("data-item-id")).toList();
        for (String operationId : List.of("read_item_items__item_id__get", "create_item_items_post",
                "delete_item_items__item_id__delete", "files__rest__get", "setPrice", "ping_ping_get",
                "ping_ping_post")) {
            assertThat(entries).as(operationId).anyMatch(id -> id.endsWith("operation/" + operationId));
        }
        assertThat(driver.findElement(By.cssSelector(".api-info h1")).getText()).startsWith("Shop");
        assertThat(driver.getPageSource()).doesNotContain("/internal/health");
    }

    /** Polls: the UIs render after their scripts have fetched the document, on a loaded machine that takes time. */
    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after 60 s waiting until " + what + "; page:\n"
                        + browser.driver().getPageSource());
            }
            Thread.sleep(200);
        }
    }

    private static String methodAndPath(WebElement operation) {
        String method = operation.findElement(By.cssSelector(".opblock-summary-method")).getText();
        String path = operation.findElement(By.cssSelector("[data-path]")).getAttribute("data-path");
        return method + " " + path;
    }
}
