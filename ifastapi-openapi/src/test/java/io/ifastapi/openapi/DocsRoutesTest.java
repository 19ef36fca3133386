package io.ifastapi.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /docs, /redoc, /docs/oauth2-redirect and their assets: served from the jar, typed, cached, movable, off. */
class DocsRoutesTest {
    private static final Pattern SRC = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");

    @Test
    void swaggerUiPageAndEveryFileItLoads() {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app, docs -> docs.title("Shop <&> \"1\""));
        try (var client = new TestClient(app)) {
            TestResponse page = client.get("/docs");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
            String html = page.text();
            assertThat(html).contains("<title>Shop &lt;&amp;&gt; &quot;1&quot; - Swagger UI</title>")
                    .contains("data-url=\"/openapi.json\"")
                    .contains("data-oauth2-redirect-url=\"/docs/oauth2-redirect\"")
                    .contains("&quot;deepLinking&quot;:true")
                    .doesNotContain("cdn.", "http://", "https://");
            assertThat(INLINE_SCRIPT.matcher(html).find()).as("no inline script: strict CSP").isFalse();
            assertLinkedFilesServed(client, html);
            assertThat(client.get("/docs/swagger-ui-5.34.1/swagger-ui-bundle.js").header("cache-control"))
                    .isEqualTo("public, max-age=31536000, immutable");
            assertThat(client.get("/docs/swagger-ui-5.34.1/swagger-ui-init.js").header("cache-control"))
                    .isEqualTo("no-cache");
        }
    }

    @Test
    void redocPageAndItsBundle() {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app, docs -> docs.title("Shop"));
        try (var client = new TestClient(app)) {
            TestResponse page = client.get("/redoc");
            assertThat(page.status()).isEqualTo(200);
            String html = page.text();
            assertThat(html).contains("<title>Shop - ReDoc</title>").contains("<redoc spec-url=\"/openapi.json\">")
                    .doesNotContain("https://");
            assertThat(INLINE_SCRIPT.matcher(html).find()).isFalse();
            assertLinkedFilesServed(client, html);
            assertThat(client.get("/redoc/redoc-2.5.1/redoc.standalone.js").bytes().length).isGreaterThan(500_000);
        }
    }

    @Test
    void oauth2RedirectPageLoadsSwaggersScriptAsAFile() {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app);
        try (var client = new TestClient(app)) {
            TestResponse page = client.get("/docs/oauth2-redirect");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("<title>Swagger UI: OAuth2 Redirect</title>");
            assertThat(INLINE_SCRIPT.matcher(page.text()).find()).isFalse();
            assertLinkedFilesServed(client, page.text());
        }
    }

    @Test
    void pathsMoveAndEachRouteTurnsOff() {
        IFastAPI app = ShopApp.create();
        OpenApi.install(app, docs -> docs.openApiUrl("/api/v1/openapi.json").docsUrl("/api/docs")
                .oauth2RedirectUrl("/api/docs/redirect").redocUrl(null));
        try (var client = new TestClient(app)) {
            assertThat(client.get("/openapi.json").status()).isEqualTo(404);
            assertThat(client.get("/docs").status()).isEqualTo(404);
            assertThat(client.get("/redoc").status()).isEqualTo(404);
            assertThat(client.get("/api/v1/openapi.json").status()).isEqualTo(200);
            assertThat(client.get("/api/docs/redirect").status()).isEqualTo(200);
            String html = client.get("/api/docs").text();
            assertThat(html).contains("data-url=\"/api/v1/openapi.json\"",
                    "data-oauth2-redirect-url=\"/api/docs/redirect\"");
            assertLinkedFilesServed(client, html);
        }

        IFastAPI none = ShopApp.create();
        OpenApi.install(none, docs -> docs.openApiUrl(null));
        try (var client = new TestClient(none)) {
            assertThat(client.get("/openapi.json").status()).isEqualTo(404);
            assertThat(client.get("/docs").status()).as("no document, no UI").isEqualTo(404);
            assertThat(client.get("/redoc").status()).isEqualTo(404);
        }

        IFastAPI noSwagger = ShopApp.create();
        OpenApi.install(noSwagger, docs -> docs.docsUrl(null));
        try (var client = new TestClient(noSwagger)) {
            assertThat(client.get("/docs").status()).isEqualTo(404);
            assertThat(client.get("/docs/oauth2-redirect").status()).isEqualTo(404);
            assertThat(client.get("/redoc").status()).isEqualTo(200);
        }
    }

    @Test
    void underAMountThePagesLinkBelowTheMount() {
        IFastAPI inner = ShopApp.create();
        OpenApi.install(inner);
        IFastAPI outer = new IFastAPI();
        outer.mount("/shop", inner);
        try (var client = new TestClient(outer)) {
            String html = client.get("/shop/docs").text();
            assertThat(html).contains("data-url=\"/shop/openapi.json\"");
            assertLinkedFilesServed(client, html);
            assertThat(client.get("/shop/openapi.json").status()).isEqualTo(200);
        }
    }

    private static void assertLinkedFilesServed(TestClient client, String html) {
        Matcher m = SRC.matcher(html);
        int files = 0;
        while (m.find()) {
            String url = m.group(1).replace("&amp;", "&");
            TestResponse asset = client.get(url);
            assertThat(asset.status()).as(url).isEqualTo(200);
            assertThat(asset.header("x-content-type-options")).as(url).isEqualTo("nosniff");
            String type = asset.header("content-type");
            if (url.endsWith(".js")) {
                assertThat(type).as(url).isEqualTo("text/javascript; charset=utf-8");
            } else if (url.endsWith(".css")) {
                assertThat(type).as(url).isEqualTo("text/css; charset=utf-8");
            } else if (url.endsWith(".png")) {
                assertThat(type).as(url).isEqualTo("image/png");
            }
            files++;
        }
        assertThat(files).isPositive();
    }
}
