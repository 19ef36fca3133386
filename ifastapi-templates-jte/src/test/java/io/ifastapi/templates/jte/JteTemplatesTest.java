package io.ifastapi.templates.jte;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.middleware.CSRFMiddleware;
import io.ifastapi.sessions.Flash;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import io.ifastapi.templates.TemplateNotFoundException;
import io.ifastapi.templates.Templates;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jte behind the seam: escaping, the page context (session, flash, CSRF, url_for), missing templates, reloading. */
class JteTemplatesTest {
    private static final Templates TEMPLATES = JteTemplates.fromClassPath("templates");
    private static final String SCRIPT = "<script>alert('x')</script>";

    @Test
    void modelValuesAreEscapedForTheirContext() {
        String html = TEMPLATES.render("hello.jte", Map.of("name", SCRIPT + "\"", "link", "javascript:alert(1)"));

        // element text: HTML-escaped
        assertThat(html).contains("Hello &lt;script&gt;alert('x')&lt;/script&gt;\"</p>");
        // a quoted attribute: its quote escaped too, so the attribute cannot be closed
        assertThat(html).contains("<p title=\"&lt;script>alert(&#39;x&#39;)&lt;/script>&#34;\">");
        // a URL attribute: a javascript: URL is dropped
        assertThat(html).contains("<a href=\"\">home</a>").doesNotContain("javascript:");
        // inside <script>: escaped for a JavaScript string, so neither the string nor the script can be closed
        assertThat(html).contains("<script>const who = \"<script>alert(\\'x\\')<\\/script>\\\"\";</script>");
    }

    @Test
    void flashMessagesAreEscapedAndShownOnce() {
        IFastAPI app = app();
        app.get("/flash", request -> {
            Flash.add(request, SCRIPT, "error\" onclick=\"x");
            return Response.redirect("/page", 303);
        });
        try (TestClient client = new TestClient(app)) {
            String page = client.get("/flash").text();
            assertThat(page).contains("<li class=\"flash error&#34; onclick=&#34;x\">"
                    + "&lt;script&gt;alert('x')&lt;/script&gt;</li>");
            assertThat(page).doesNotContain(SCRIPT);
            assertThat(client.get("/page").text()).doesNotContain("flash error");
        }
    }

    @Test
    void pageHasRequestSessionCsrfInputAndUrlFor() {
        IFastAPI app = app();
        try (TestClient client = new TestClient(app)) {
            client.get("/visit");
            String page = client.get("/page").text();

            assertThat(page).contains("<p id=\"path\">/page</p>").contains("<p id=\"visits\">1</p>")
                    .contains("<form method=\"post\" action=\"/forms/submit\">")
                    .contains("<a id=\"item\" href=\"/items/7\">")
                    .contains("<a id=\"abs\" href=\"http://testserver/items/8\">")
                    .contains("<link rel=\"stylesheet\" href=\"/static/app.css\">");
            Matcher input = Pattern.compile("<input type=\"hidden\" name=\"csrf_token\" value=\"([A-Za-z0-9_-]+)\">")
                    .matcher(page);
            assertThat(input.find()).isTrue();

            // the token in the page is one CSRFMiddleware accepts, and nothing else is
            assertThat(client.post("/forms/submit").form(Map.of("csrf_token", input.group(1))).send().status())
                    .isEqualTo(200);
            assertThat(client.post("/forms/submit").form(Map.of("csrf_token", "forged")).send().status())
                    .isEqualTo(403);
        }
    }

    @Test
    void aPageThatAsksForNothingConsumesNothing() {
        IFastAPI app = app();
        app.get("/plain", request -> TEMPLATES.response(request, "hello.jte", Map.of("name", "Ada")));
        app.get("/flash", request -> {
            Flash.add(request, "Saved", "success");
            return Map.of();
        });
        try (TestClient client = new TestClient(app)) {
            // no form, no CSRF secret: no session cookie is set at all
            assertThat(client.get("/plain").header("set-cookie")).isNull();
            client.get("/flash");
            // a page without flash messages leaves them for the next page that shows them
            assertThat(client.get("/plain").text()).doesNotContain("Saved");
            assertThat(client.get("/page").text()).contains("<li class=\"flash success\">Saved</li>");
        }
    }

    @Test
    void missingTemplateNamesThePathLookedAt() {
        assertThatThrownBy(() -> TEMPLATES.render("logn.jte", Map.of()))
                .isInstanceOf(TemplateNotFoundException.class)
                .hasMessage("Template 'logn.jte' not found; looked for the class path resource templates/logn.jte");
    }

    @Test
    void missingTemplateInADirectoryNamesTheFile(@TempDir Path dir) {
        Templates templates = JteTemplates.fromDirectory(dir);
        assertThatThrownBy(() -> templates.render("nope.jte", Map.of()))
                .isInstanceOf(TemplateNotFoundException.class)
                .hasMessage("Template 'nope.jte' not found; looked for the file " + dir.toAbsolutePath()
                        + "/nope.jte");
    }

    @Test
    void missingPrecompiledTemplateSaysHowTheyAreMade() {
        assertThatThrownBy(() -> JteTemplates.precompiled().render("login.jte", Map.of()))
                .isInstanceOf(TemplateNotFoundException.class)
                .hasMessageStartingWith("Template 'login.jte' not found; looked for a class generated by "
                        + "jte-maven-plugin");
    }

    @Test
    void aTemplateEditedOnDiskIsRecompiled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("live.jte");
        Files.writeString(file, "@param String name\nv1 ${name}");
        Templates templates = JteTemplates.fromDirectory(dir);
        assertThat(templates.render("live.jte", Map.of("name", "a"))).isEqualTo("v1 a");

        Files.writeString(file, "@param String name\nv2 ${name}");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(templates.render("live.jte", Map.of("name", "b"))).isEqualTo("v2 b");
    }

    @Test
    void unquotedAttributeOutputDoesNotCompile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.jte"), "@param String name\n<p title=${name}>x</p>");
        Templates templates = JteTemplates.fromDirectory(dir);
        assertThatThrownBy(() -> templates.render("bad.jte", Map.of("name", "x")))
                .hasMessageContaining("Unquoted HTML attribute values are not allowed: title");
    }

    private static IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.addMiddleware(CSRFMiddleware.builder().build());
        app.addMiddleware(SessionMiddleware.builder().secretKey(SecretKey.generate()).build());
        app.get("/visit", request -> {
            request.session().put("visits", request.session().getInt("visits", 0) + 1);
            return Map.of();
        });
        app.get("/page", request -> TEMPLATES.response(request, "page.jte", Map.of()));
        app.get("/items/{id:int}", request -> Map.of()).name("item");
        IFastAPI forms = new IFastAPI();
        forms.post("/submit", request -> Map.of("ok", true)).name("submit");
        app.include(forms.router(), "/forms");
        app.mount("/static", request -> Response.text("css"), "static");
        return app;
    }
}
