package io.ifastapi.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.testclient.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starlette's tests/middleware/test_trusted_host.py, case by case, then our own cases. */
class TrustedHostMiddlewareTest {

    static IFastAPI app(TrustedHostMiddleware middleware) {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> Response.text("OK"));
        app.addMiddleware(middleware);
        return app;
    }

    // test_trusted_host.py::test_trusted_host_middleware
    @Test
    void trustedHostMiddleware() {
        IFastAPI app = app(TrustedHostMiddleware.builder().allowedHosts("testserver", "*.testserver").build());
        try (var client = new TestClient(app)) {
            assertThat(client.get("/").status()).isEqualTo(200);
        }
        try (var client = new TestClient(app, "http://subdomain.testserver")) {
            assertThat(client.get("/").status()).isEqualTo(200);
        }
        try (var client = new TestClient(app, "http://invalidhost")) {
            assertThat(client.get("/").status()).isEqualTo(400);
        }
    }

    // test_trusted_host.py::test_default_allowed_hosts
    @Test
    void defaultAllowedHosts() {
        assertThat(TrustedHostMiddleware.builder().build().allowedHosts()).isEqualTo(List.of("*"));
    }

    // test_trusted_host.py::test_www_redirect
    @Test
    void wwwRedirect() {
        IFastAPI app = app(TrustedHostMiddleware.builder().allowedHosts("www.example.com").build());
        try (var client = new TestClient(app, "https://example.com")) {
            var response = client.get("/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.url().toString()).isEqualTo("https://www.example.com/");
        }
    }

    // ----- our own cases -----

    @Test
    void theRefusalIsPlainTextAndTheRedirectA307KeepingPortPathAndQuery() {
        IFastAPI app = app(TrustedHostMiddleware.builder().allowedHosts("www.example.com").build());
        try (var client = TestClient.builder(app).followRedirects(false).build()) {
            var refused = client.request("GET", "/").header("host", "evil.example").send();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text()).isEqualTo("Invalid host header");
            assertThat(refused.header("content-type")).isEqualTo("text/plain; charset=utf-8");

            var redirect = client.request("GET", "/a?b=1").header("host", "example.com:8080").send();
            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo("http://www.example.com:8080/a?b=1");
        }
        IFastAPI noRedirect = app(TrustedHostMiddleware.builder().allowedHosts("www.example.com").wwwRedirect(false).build());
        try (var client = new TestClient(noRedirect, "http://example.com")) {
            assertThat(client.get("/").status()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"testserver/evil", "testserver@evil", "test server", "", "[::1", "[zz::1]", "testserver:port"})
    void aMalformedHostHeaderIs400NotA500(String host) {
        IFastAPI app = app(TrustedHostMiddleware.builder().allowedHosts("testserver", "*.testserver").build());
        try (var client = new TestClient(app)) {
            var response = client.request("GET", "/").header("host", host).send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("Invalid host header");
        }
    }

    @Test
    void aWildcardMatchesSubdomainsNotTheBareDomainAndPortsAreIgnored() {
        IFastAPI app = app(TrustedHostMiddleware.builder().allowedHosts("*.shop.example", "[::1]").build());
        try (var client = new TestClient(app)) {
            assertThat(client.request("GET", "/").header("host", "a.b.shop.example:8443").send().status()).isEqualTo(200);
            assertThat(client.request("GET", "/").header("host", "shop.example").send().status()).isEqualTo(400);
            assertThat(client.request("GET", "/").header("host", "evilshop.example").send().status()).isEqualTo(400);
            assertThat(client.request("GET", "/").header("host", "[::1]:8000").send().status()).isEqualTo(200);
        }
    }

    @Test
    void aWildcardAnywhereButTheStartFailsAtBuild() {
        assertThatThrownBy(() -> TrustedHostMiddleware.builder().allowedHosts("example.*").build())
                .hasMessageContaining("Domain wildcard patterns must be like '*.example.com'.");
        assertThatThrownBy(() -> TrustedHostMiddleware.builder().allowedHosts("*example.com").build())
                .hasMessageContaining("Domain wildcard patterns must be like '*.example.com'.");
    }
}
