package io.ifastapi.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import io.ifastapi.examples.CatalogApp;
import io.ifastapi.examples.browser.Browser;
import io.ifastapi.examples.browser.ChromiumExtension;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The catalog's /docs and /redoc in a real headless Chromium (Selenium, the system chromium and chromedriver), the
 * app served by the real server behind a strict Content-Security-Policy: Swagger UI renders every operation of the
 * document; "Try it out" on GET /items with limit=0 is refused by Swagger UI itself from the documented minimum
 * (as with FastAPI: it checks parameters against their schema before sending), and on POST /items with a price of 0
 * (a JSON body, which Swagger UI does not check) shows the server's 422; ReDoc lists every operation.
 * The screenshot of that 422 goes to target/screenshots/, and with {@code -Dopenapi.updateGuideScreenshot=true} to
 * docs/images/openapi-try-it-out.png for the guide.
 */
@ExtendWith(ChromiumExtension.class)
class CatalogDocsBrowserTest {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'";
    static final String ADMIN_KEY = "s3cret-admin-key"; // catalog.py's
    private static Browser browser;
    private static Server server;
    private static String base;
    /** "GET /items", ... from the served document. */
    private static List<String> operations;
    private static List<String> operationIds;

    @BeforeAll
    static void start(Browser client) throws Exception {
        browser = client;
        IFastAPI app = CatalogApp.create(Map.of("SECRET_KEY", "change-me-".repeat(4)));
        app.addMiddleware((request, next) -> next.handle(request).header("content-security-policy", CSP));
        server = app.start(ServerConfig.defaults().host("127.0.0.1").port(0));
        base = "http://127.0.0.1:" + server.port();
        JsonNode doc;
        try (HttpClient http = HttpClient.newHttpClient()) {
            doc = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        operations = new ArrayList<>();
        operationIds = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            operations.add(op.getKey().toUpperCase() + " " + path.getKey());
            operationIds.add(op.getValue().get("operationId").asText());
        }));
        assertThat(operations).hasSize(16).contains("POST /upload", "GET /items");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void swaggerUiRendersEveryOperationAndTryItOutShowsConstraintsAndTheServers422() throws Exception {
        var driver = browser.driver();
        driver.get(base + "/docs");
        waitUntil(() -> driver.findElements(By.cssSelector(".opblock")).size() >= operations.size(),
                "Swagger UI shows the operations");
        List<String> shown = driver.findElements(By.cssSelector(".opblock")).stream()
                .map(CatalogDocsBrowserTest::methodAndPath).distinct().toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(operations);
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).startsWith("Catalog");
        assertThat(driver.getPageSource()).doesNotContain("/reset");
        screenshot("openapi-catalog-docs.png");

        WebElement listItems = driver.findElement(By.id("operations-items-list_items_items_get"));
        listItems.findElement(By.cssSelector(".opblock-summary-control")).click();
        waitUntil(() -> !listItems.findElements(By.cssSelector(".try-out__btn")).isEmpty(), "the operation opens");
        listItems.findElement(By.cssSelector(".try-out__btn")).click();
        waitUntil(() -> !listItems.findElements(By.cssSelector("tr[data-param-name='limit'] input")).isEmpty(),
                "the limit input shows");
        WebElement limit = listItems.findElement(By.cssSelector("tr[data-param-name='limit'] input"));
        limit.clear(); // Swagger UI fills in the documented default, 10
        limit.sendKeys("0");
        listItems.findElement(By.cssSelector("button.execute")).click();
        // Swagger UI checks the documented constraints itself (minimum: 1) and does not send this request: what
        // FastAPI's /docs does too. The server's own 422 shows where Swagger UI checks nothing: a JSON body.
        waitUntil(() -> listItems.findElements(By.cssSelector(".validation-errors")).stream()
                .anyMatch(e -> e.getText().contains("For 'limit': Value must be greater than or equal to 1")),
                "Swagger UI refuses limit=0 with the documented minimum");
        assertThat(limit.getAttribute("class")).contains("invalid");
        assertThat(listItems.findElements(By.cssSelector(".live-responses-table"))).isEmpty();

        // Authorize with the admin key (the APIKeyHeader scheme), then try out POST /items with price 0.
        driver.findElement(By.cssSelector(".auth-wrapper .authorize")).click();
        waitUntil(() -> !driver.findElements(By.cssSelector(".modal-ux .auth-container input")).isEmpty(),
                "the Authorize dialog opens");
        WebElement keyForm = driver.findElements(By.cssSelector(".modal-ux .auth-container")).stream()
                .filter(c -> c.getText().contains("APIKeyHeader")).findFirst().orElseThrow();
        keyForm.findElement(By.cssSelector("input")).sendKeys(ADMIN_KEY);
        keyForm.findElement(By.cssSelector("button.authorize")).click();
        driver.findElement(By.cssSelector(".modal-ux .close-modal")).click();

        WebElement create = driver.findElement(By.id("operations-items-create_item_items_post"));
        create.findElement(By.cssSelector(".opblock-summary-control")).click();
        waitUntil(() -> !create.findElements(By.cssSelector(".try-out__btn")).isEmpty(), "POST /items opens");
        create.findElement(By.cssSelector(".try-out__btn")).click();
        waitUntil(() -> !create.findElements(By.cssSelector("textarea.body-param__text")).isEmpty(),
                "the body editor shows");
        WebElement body = create.findElement(By.cssSelector("textarea.body-param__text"));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        body.sendKeys("{\"name\": \"Go\", \"price\": 0, \"category\": \"games\"}");
        create.findElement(By.cssSelector("button.execute")).click();
        waitUntil(() -> !create.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status"))
                .isEmpty(), "the server's answer shows");
        String status = create.findElement(By.cssSelector(".live-responses-table tr.response .response-col_status")).getText();
        String answer = create.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description pre"))
                .getText();
        assertThat(status).startsWith("422");
        assertThat(answer).contains("\"greater_than\"", "\"body\"", "\"price\"", "Input should be greater than 0");
        assertThat(create.findElement(By.cssSelector(".request-url pre")).getText()).isEqualTo(base + "/items");

        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                create.findElement(By.cssSelector(".live-responses-table")));
        screenshot("openapi-try-it-out.png");
    }

    /**
     * Saves the page to target/screenshots/; the guide's copy in docs/images/ changes only when asked
     * ({@code -Dopenapi.updateGuideScreenshot=true}), so that a test run leaves the work tree clean.
     */
    private static void screenshot(String name) throws Exception {
        Path target = browser.saveScreenshot(Path.of("target", "screenshots", name));
        Path guide = Path.of("..", "docs", "images");
        if (Boolean.getBoolean("openapi.updateGuideScreenshot") && Files.isDirectory(guide.getParent())) {
            Files.createDirectories(guide);
            Files.copy(target, guide.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void redocRendersEveryOperation() throws Exception {
        var driver = browser.driver();
        driver.get(base + "/redoc");
        waitUntil(() -> driver.findElements(By.cssSelector("li[data-item-id]")).size() >= operations.size(),
                "ReDoc shows the operations");
        List<String> entries = driver.findElements(By.cssSelector("li[data-item-id]")).stream()
                .map(li -> li.getAttribute("data-item-id")).toList();
        for (String operationId : operationIds) {
            assertThat(entries).as(operationId).anyMatch(id -> id.endsWith("operation/" + operationId));
        }
        assertThat(driver.findElement(By.cssSelector(".api-info h1")).getText()).startsWith("Catalog");
    }

    /** Polls: the UIs render after their scripts have fetched the document; a loaded machine takes time. */
    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String page = browser.driver().getPageSource();
                throw new AssertionError("Timed out after 60 s waiting until " + what + "; page:\n"
                        + page.substring(Math.max(0, page.indexOf("operations-items-list_items_items_get"))));
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
