package io.ifastapi.examples;

import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The login app in process (TestClient), over its session backends; WebAppBrowserTest drives it in Chromium. */
class WebAppTest {
    static final String SECRET_KEY = "6f1c2a9be04d7783c51e9f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    static TestClient client(String backend) {
        return TestClient.builder(WebApp.create(Map.of("SECRET_KEY", SECRET_KEY, "SESSION_BACKEND", backend)))
                .followRedirects(false).build();
    }

    static String token(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF hidden input in the page").isTrue();
        return m.group(1);
    }

    static TestResponse login(TestClient client, String username, String password, String next) {
        String token = token(client.get("/login").text());
        return client.post("/login").form(Map.of("csrf_token", token, "username", username, "password", password,
                "next", next)).send();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void loginCartLogout(String backend) {
        try (TestClient client = client(backend)) {
            TestResponse loggedIn = login(client, "alice", "wonderland", "");
            assertThat(loggedIn.status()).isEqualTo(303);
            assertThat(loggedIn.header("location")).isEqualTo("/profile");

            TestResponse profile = client.get("/profile");
            assertThat(profile.status()).isEqualTo(200);
            assertThat(profile.header("cache-control")).isEqualTo("no-store");
            assertThat(profile.text()).contains("Welcome back, Alice Liddell!").contains("alice@example.com");
            assertThat(client.get("/profile").text()).doesNotContain("Welcome back"); // shown once

            String token = token(client.get("/cart").text());
            assertThat(client.post("/cart/add").form(Map.of("csrf_token", token, "product", "tea")).send().status())
                    .isEqualTo(303);
            client.post("/cart/add").form(Map.of("csrf_token", token, "product", "tea")).send();
            String cart = client.get("/cart").text();
            assertThat(cart).contains("Added Darjeeling tea to your cart.")
                    .contains("<td class=\"quantity\">2</td>").contains("€13.00");

            TestResponse out = client.post("/logout").form(Map.of("csrf_token", token(cart))).send();
            assertThat(out.header("location")).isEqualTo("/login");
            assertThat(client.get("/login").text()).contains("You have been logged out.");
            assertThat(client.get("/cart").status()).isEqualTo(303);
        }
    }

    @Test
    void privatePagesRedirectToLoginAndComeBack() {
        try (TestClient client = client("cookie")) {
            TestResponse refused = client.get("/cart");
            assertThat(refused.status()).isEqualTo(303);
            assertThat(refused.header("location")).isEqualTo("/login?next=%2Fcart");
            assertThat(client.get("/login?next=%2Fcart").text()).contains("name=\"next\" value=\"/cart\"");
            assertThat(login(client, "alice", "wonderland", "/cart").header("location")).isEqualTo("/cart");
        }
    }

    @Test
    void anOffSiteNextIsNotFollowed() {
        try (TestClient client = client("cookie")) {
            assertThat(client.get("/login?next=https://evil.example/").text()).contains("name=\"next\" value=\"\"");
            assertThat(login(client, "alice", "wonderland", "//evil.example").header("location"))
                    .isEqualTo("/profile");
        }
    }

    @Test
    void wrongPasswordShowsTheFormAgainEscaped() {
        try (TestClient client = client("memory")) {
            TestResponse wrong = login(client, "<script>x</script>", "nope", "");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.text()).contains("Invalid username or password.")
                    .contains("value=\"&lt;script>x&lt;/script>\"").doesNotContain("<script>x");
        }
    }

    @Test
    void postsWithoutTheTokenOrFromAnotherOriginAreRefused() {
        try (TestClient client = client("memory")) {
            login(client, "alice", "wonderland", "");
            TestResponse missing = client.post("/cart/add").form(Map.of("product", "tea")).send();
            assertThat(missing.status()).isEqualTo(403);
            assertThat(missing.text()).contains("CSRF token missing");
            String token = token(client.get("/cart").text());
            TestResponse crossOrigin = client.post("/cart/add").header("origin", "http://evil.example")
                    .form(Map.of("csrf_token", token, "product", "tea")).send();
            assertThat(crossOrigin.status()).isEqualTo(403);
            assertThat(crossOrigin.text()).contains("Cross-origin request refused: http://evil.example");
        }
    }

    @Test
    void stylesheetIsServedFromTheClassPath() {
        try (TestClient client = client("cookie")) {
            TestResponse css = client.get("/static/app.css");
            assertThat(css.status()).isEqualTo(200);
            assertThat(css.header("content-type")).startsWith("text/css");
            assertThat(css.text()).contains("--accent");
            assertThat(client.get("/static/../WebApp.class").status()).isEqualTo(404);
        }
    }
}
