package io.ifastapi.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

/** Starlette's tests/middleware/test_https_redirect.py, then our own cases. */
class HTTPSRedirectMiddlewareTest {

    static IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.route("/", java.util.List.of("GET", "POST"), request -> Response.text("OK"));
        app.addMiddleware(new HTTPSRedirectMiddleware());
        return app;
    }

    static TestResponse getWithoutFollowing(String baseUrl) {
        try (var client = TestClient.builder(app()).baseUrl(baseUrl).followRedirects(false).build()) {
            return client.get("/");
        }
    }

    // test_https_redirect.py::test_https_redirect_middleware
    @Test
    void httpsRedirectMiddleware() {
        try (var client = new TestClient(app(), "https://testserver")) {
            assertThat(client.get("/").status()).isEqualTo(200);
        }
        TestResponse response = getWithoutFollowing("http://testserver");
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.header("location")).isEqualTo("https://testserver/");

        response = getWithoutFollowing("http://testserver:80");
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.header("location")).isEqualTo("https://testserver/");

        response = getWithoutFollowing("http://testserver:443");
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.header("location")).isEqualTo("https://testserver/");

        response = getWithoutFollowing("http://testserver:123");
        assertThat(response.status()).isEqualTo(307);
        assertThat(response.header("location")).isEqualTo("https://testserver:123/");
    }

    // ----- our own cases -----

    @Test
    void pathQueryAndMethodSurviveAndAPostIsRepeatedAsAPost() {
        try (var client = TestClient.builder(app()).followRedirects(false).build()) {
            var response = client.request("POST", "/a%20b").query("q", "1").header("host", "Example.COM:80").send();
            assertThat(response.status()).isEqualTo(307);
            assertThat(response.header("location")).isEqualTo("https://example.com/a%20b?q=1");
            assertThat(response.bytes()).isEmpty();
        }
        try (var client = new TestClient(app())) {
            var followed = client.request("POST", "/").body("x").send();
            assertThat(followed.status()).isEqualTo(200);
            assertThat(followed.url().toString()).isEqualTo("https://testserver/");
            assertThat(followed.history()).hasSize(1);
        }
    }

    @Test
    void anUnusableHostHeaderFallsBackToTheServersAddress() {
        try (var client = TestClient.builder(app()).followRedirects(false).build()) {
            var response = client.request("GET", "/").header("host", "bad host").send();
            assertThat(response.status()).isEqualTo(307);
            assertThat(response.header("location")).isEqualTo("https://testserver/");
        }
    }
}
