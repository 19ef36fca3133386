package io.ifastapi.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Starlette's tests/middleware/test_cors.py, case by case, with the same assertions. Where Starlette 1.7 (the
 * version our differential test runs) answers differently from the test file's version, the assertion is 1.7's and
 * the comment says so: 1.7 sends one fixed {@code Vary} on every preflight and adds {@code Origin} to the Vary of
 * every non-preflight response.
 */
class CORSMiddlewareTest {
    static final String PREFLIGHT_VARY =
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network";

    static TestClient client(CORSMiddleware cors) {
        return client(cors, Map.of());
    }

    /** The homepage app of test_cors.py: "Homepage", with these extra response headers. */
    static TestClient client(CORSMiddleware cors, Map<String, String> responseHeaders) {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> {
            Response response = Response.text("Homepage");
            responseHeaders.forEach(response::header);
            return response;
        });
        app.addMiddleware(cors);
        return new TestClient(app);
    }

    static TestResponse get(TestClient client, String... headers) {
        return send(client, "GET", headers);
    }

    static TestResponse options(TestClient client, String... headers) {
        return send(client, "OPTIONS", headers);
    }

    static TestResponse send(TestClient client, String method, String... headers) {
        var request = client.request(method, "/");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    static Set<String> split(String list) {
        Set<String> items = new HashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).forEach(items::add);
        return items;
    }

    // test_cors.py::test_cors_allow_all
    @Test
    void corsAllowAll() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowHeaders("*").allowMethods("*")
                .exposeHeaders("X-Status").allowCredentials(true).build())) {
            var response = options(client, "Origin", "https://example.org",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Example");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-allow-headers")).isEqualTo("X-Example");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
            assertThat(response.header("vary")).isEqualTo(PREFLIGHT_VARY); // 1.3: "Origin"

            response = get(client, "Origin", "https://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-expose-headers")).isEqualTo("X-Status");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");

            response = get(client, "Origin", "https://example.org", "Cookie", "star_cookie=sugar");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-expose-headers")).isEqualTo("X-Status");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");

            response = get(client);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();
        }
    }

    // test_cors.py::test_cors_allow_all_except_credentials
    @Test
    void corsAllowAllExceptCredentials() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowHeaders("*").allowMethods("*")
                .exposeHeaders("X-Status").build())) {
            var response = options(client, "Origin", "https://example.org",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Example");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
            assertThat(response.header("access-control-allow-headers")).isEqualTo("X-Example");
            assertThat(response.headers().contains("access-control-allow-credentials")).isFalse();
            assertThat(response.header("vary")).isEqualTo(PREFLIGHT_VARY); // 1.3: no Vary

            response = get(client, "Origin", "https://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("*");
            assertThat(response.header("access-control-expose-headers")).isEqualTo("X-Status");
            assertThat(response.headers().contains("access-control-allow-credentials")).isFalse();

            response = get(client);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();
        }
    }

    // test_cors.py::test_cors_allow_specific_origin
    @Test
    void corsAllowSpecificOrigin() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("https://example.org")
                .allowHeaders("X-Example", "Content-Type").build())) {
            var response = options(client, "Origin", "https://example.org",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Example, Content-Type");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-allow-headers"))
                    .isEqualTo("Accept, Accept-Language, Content-Language, Content-Type, X-Example");
            assertThat(response.headers().contains("access-control-allow-credentials")).isFalse();

            response = get(client, "Origin", "https://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.headers().contains("access-control-allow-credentials")).isFalse();

            response = get(client);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();
        }
    }

    // test_cors.py::test_cors_disallowed_preflight
    @Test
    void corsDisallowedPreflight() {
        IFastAPI app = new IFastAPI();
        app.get("/", request -> {
            throw new AssertionError("a preflight never reaches the endpoint");
        });
        app.addMiddleware(CORSMiddleware.builder().allowOrigins("https://example.org").allowHeaders("X-Example").build());
        try (var client = new TestClient(app)) {
            var response = options(client, "Origin", "https://another.org",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-Nope");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("Disallowed CORS origin, method, headers");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();

            // Starlette PR 1199: several disallowed headers are reported once
            response = options(client, "Origin", "https://example.org",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Nope-1, X-Nope-2");
            assertThat(response.text()).isEqualTo("Disallowed CORS headers");
        }
    }

    // test_cors.py::test_preflight_allows_request_origin_if_origins_wildcard_and_credentials_allowed
    @Test
    void preflightAllowsRequestOriginIfOriginsWildcardAndCredentialsAllowed() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowMethods("POST")
                .allowCredentials(true).build())) {
            var response = options(client, "Origin", "https://example.org", "Access-Control-Request-Method", "POST");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
            assertThat(response.header("vary")).isEqualTo(PREFLIGHT_VARY); // 1.3: "Origin"
        }
    }

    // test_cors.py::test_cors_preflight_allow_all_methods
    @Test
    void corsPreflightAllowAllMethods() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowMethods("*").build())) {
            for (String method : List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")) {
                var response = options(client, "Origin", "https://example.org", "Access-Control-Request-Method", "POST");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("access-control-allow-methods")).contains(method);
            }
        }
    }

    // test_cors.py::test_cors_allow_all_methods
    @Test
    void corsAllowAllMethods() {
        IFastAPI app = new IFastAPI();
        app.route("/", List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"),
                request -> Response.text("Homepage"));
        app.addMiddleware(CORSMiddleware.builder().allowOrigins("*").allowMethods("*").build());
        try (var client = new TestClient(app)) {
            for (String method : List.of("PATCH", "POST", "PUT")) {
                var response = client.request(method, "/").header("Origin", "https://example.org").json(Map.of()).send();
                assertThat(response.status()).isEqualTo(200);
            }
            for (String method : List.of("DELETE", "GET", "HEAD", "OPTIONS")) {
                assertThat(send(client, method, "Origin", "https://example.org").status()).isEqualTo(200);
            }
        }
    }

    // test_cors.py::test_cors_allow_origin_regex
    @Test
    void corsAllowOriginRegex() {
        try (var client = client(CORSMiddleware.builder().allowHeaders("X-Example", "Content-Type")
                .allowOriginRegex("https://.*").allowCredentials(true).build())) {
            var response = get(client, "Origin", "https://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");

            response = get(client, "Origin", "https://example.org", "Cookie", "star_cookie=sugar");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://example.org");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");

            // enforcement is the browser's: a disallowed origin just gets no Access-Control-Allow-Origin
            response = get(client, "Origin", "http://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();

            response = options(client, "Origin", "https://another.com",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Example, content-type");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://another.com");
            assertThat(response.header("access-control-allow-headers"))
                    .isEqualTo("Accept, Accept-Language, Content-Language, Content-Type, X-Example");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");

            response = options(client, "Origin", "http://another.com",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Example");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("Disallowed CORS origin");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();
        }
    }

    // test_cors.py::test_cors_allow_origin_regex_fullmatch
    @Test
    void corsAllowOriginRegexFullmatch() {
        try (var client = client(CORSMiddleware.builder().allowHeaders("X-Example", "Content-Type")
                .allowOriginRegex("https://.*\\.example.org").build())) {
            var response = get(client, "Origin", "https://subdomain.example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://subdomain.example.org");
            assertThat(response.headers().contains("access-control-allow-credentials")).isFalse();

            response = get(client, "Origin", "https://subdomain.example.org.hacker.com");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.headers().contains("access-control-allow-origin")).isFalse();
        }
    }

    // test_cors.py::test_cors_vary_header_defaults_to_origin
    @Test
    void corsVaryHeaderDefaultsToOrigin() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("https://example.org").build())) {
            var response = get(client, "Origin", "https://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("vary")).isEqualTo("Origin");
        }
    }

    // test_cors.py::test_cors_vary_header_is_not_set_for_non_credentialed_request
    @Test
    void corsVaryHeaderForNonCredentialedRequest() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").build(), Map.of("Vary", "Accept-Encoding"))) {
            var response = get(client, "Origin", "https://someplace.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("vary")).isEqualTo("Accept-Encoding, Origin"); // 1.3: "Accept-Encoding"
        }
    }

    // test_cors.py::test_cors_vary_header_is_properly_set_for_credentialed_request
    @Test
    void corsVaryHeaderIsProperlySetForCredentialedRequest() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowCredentials(true).build(),
                Map.of("Vary", "Accept-Encoding"))) {
            var response = get(client, "Origin", "https://someplace.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("vary")).isEqualTo("Accept-Encoding, Origin");
        }
    }

    // test_cors.py::test_cors_vary_header_is_properly_set_when_allow_origins_is_not_wildcard
    @Test
    void corsVaryHeaderIsProperlySetWhenAllowOriginsIsNotWildcard() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("https://example.org").build(),
                Map.of("Vary", "Accept-Encoding"))) {
            var response = get(client, "Origin", "https://example.org");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("vary")).isEqualTo("Accept-Encoding, Origin");
        }
    }

    // test_cors.py::test_cors_allowed_origin_does_not_leak_between_requests
    @Test
    void corsAllowedOriginDoesNotLeakBetweenRequests() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("https://example.org").build())) {
            assertThat(get(client, "Origin", "https://example.org").header("access-control-allow-origin"))
                    .isEqualTo("https://example.org");
            assertThat(get(client, "Origin", "https://other.org").headers().contains("access-control-allow-origin")).isFalse();
            assertThat(get(client, "Origin", "https://example.org").header("access-control-allow-origin"))
                    .isEqualTo("https://example.org");
        }
    }

    // test_cors.py::test_cors_private_network_access_allowed
    @Test
    void corsPrivateNetworkAccessAllowed() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowMethods("*")
                .allowPrivateNetwork(true).build())) {
            String[] withoutPna = {"Origin", "https://example.org", "Access-Control-Request-Method", "GET"};
            String[] withPna = {"Origin", "https://example.org", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Private-Network", "true"};

            var response = options(client, withPna);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.header("access-control-allow-private-network")).isEqualTo("true");

            response = options(client, withoutPna);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.headers().contains("access-control-allow-private-network")).isFalse();

            // not set on non-preflight requests
            response = get(client, withPna);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("Homepage");
            assertThat(response.headers().contains("access-control-allow-private-network")).isFalse();
            assertThat(response.headers().contains("access-control-allow-origin")).isTrue();
        }
    }

    // test_cors.py::test_cors_private_network_access_disallowed
    @Test
    void corsPrivateNetworkAccessDisallowed() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("*").allowMethods("*")
                .allowPrivateNetwork(false).build())) {
            var response = options(client, "Origin", "https://example.org", "Access-Control-Request-Method", "GET");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.headers().contains("access-control-allow-private-network")).isFalse();

            response = options(client, "Origin", "https://example.org", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Private-Network", "true");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("Disallowed CORS private-network");
            assertThat(response.headers().contains("access-control-allow-private-network")).isFalse();
        }
    }

    // ----- beyond Starlette's file: our own cases -----

    @Test
    void anOptionsRequestWithoutOriginIsNoPreflightAndReachesTheApp() {
        IFastAPI app = new IFastAPI();
        app.options("/", request -> Response.text("app's own OPTIONS"));
        app.addMiddleware(CORSMiddleware.builder().allowOrigins("*").build());
        try (var client = new TestClient(app)) {
            var response = options(client, "Access-Control-Request-Method", "GET");
            assertThat(response.text()).isEqualTo("app's own OPTIONS");
            assertThat(response.header("vary")).isEqualTo("Origin");
        }
    }

    @Test
    void preflightCarriesMaxAgeAndMethodsAndPlainTextContentType() {
        try (var client = client(CORSMiddleware.builder().allowOrigins("https://a.example").allowMethods("GET", "POST")
                .maxAge(7200).build())) {
            var response = options(client, "Origin", "https://a.example", "Access-Control-Request-Method", "POST");
            assertThat(response.header("access-control-max-age")).isEqualTo("7200");
            assertThat(response.header("access-control-allow-methods")).isEqualTo("GET, POST");
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            // methods are case-sensitive
            response = options(client, "Origin", "https://a.example", "Access-Control-Request-Method", "post");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("Disallowed CORS method");
        }
    }

    @Test
    void anInvalidRegexFailsAtBuildNamingTheOption() {
        assertThatThrownBy(() -> CORSMiddleware.builder().allowOriginRegex("https://[a-z").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowOriginRegex");
    }
}
