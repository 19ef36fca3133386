package io.ifastapi.sessions;

import static io.ifastapi.sessions.SessionApps.defaults;
import static io.ifastapi.sessions.SessionApps.setCookies;
import static org.assertj.core.api.Assertions.assertThat;

import io.ifastapi.IFastAPI;
import io.ifastapi.middleware.ProxyHeadersMiddleware;
import io.ifastapi.middleware.TrustedProxies;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.testsupport.CapturedStderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code httpsOnly(true)} behind a TLS-terminating proxy. The in-process TestClient's peer address is
 * {@code testclient} (as in Starlette), so {@code trustedProxies("testclient")} makes the test client the proxy;
 * over a socket the peer is 127.0.0.1. The middleware sends a Secure cookie only when the request counts as https:
 * over https, through a trusted proxy's {@code X-Forwarded-Proto: https}, or to localhost (a secure context for
 * browsers). Otherwise it sends no cookie and warns once.
 */
public abstract class HttpsOnlyBehindAProxyTest {
    private static final String WARNING = "https_only is on, but";

    /** The adapter of the over-a-real-socket test: each adapter module runs this class with its own. */
    protected abstract ServerFactory serverFactory();

    private static IFastAPI app(SessionMiddleware middleware) {
        var app = new IFastAPI();
        app.addMiddleware(middleware);
        app.post("/login", request -> {
            request.session().put("user", 42);
            return "ok";
        });
        return app;
    }

    private static TestResponse loginVia(TestClient client, String forwardedProto) {
        var request = client.post("/login");
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return request.send();
    }

    @Test
    void forwardedHttpsFromATrustedProxyCountsAsHttps() {
        try (var log = new CapturedStderr();
             var client = new TestClient(app(defaults().httpsOnly(true).trustedProxies("testclient").build()))) {
            TestResponse response = loginVia(client, "https");

            assertThat(response.header("set-cookie")).endsWith("; httponly; samesite=lax; secure");
            assertThat(log.text()).doesNotContain(WARNING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "10.0.0.5, testclient", " testclient "})
    void theTrustedListMayBeAWildcardOrSeveralHosts(String hosts) {
        try (var client = new TestClient(app(defaults().httpsOnly(true)
                .trustedProxies(hosts.split(",")).build()))) {
            assertThat(setCookies(loginVia(client, "https"))).hasSize(1);
        }
    }

    @Test
    void aChainOfProxiesIsJudgedByWhatTheClientSpoke() {
        try (var client = new TestClient(app(defaults().httpsOnly(true).trustedProxies("testclient").build()))) {
            assertThat(setCookies(loginVia(client, "https, http"))).hasSize(1);
            assertThat(setCookies(loginVia(client, "http, https"))).isEmpty();
        }
    }

    @Test
    void forwardedHttpsFromAnUntrustedPeerIsIgnoredWithOneWarning() {
        try (var log = new CapturedStderr();
             var client = new TestClient(app(defaults().httpsOnly(true).trustedProxies("10.0.0.5").build()))) {
            TestResponse first = loginVia(client, "https");
            TestResponse second = loginVia(client, "https");

            assertThat(setCookies(first)).isEmpty();
            assertThat(setCookies(second)).isEmpty();
            assertThat(first.status()).isEqualTo(200);
            assertThat(log.count(WARNING)).as("warned once, not per request").isEqualTo(1);
            assertThat(log.text()).contains("trustedProxies(\"<proxy ip>\")");
        }
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        try (var log = new CapturedStderr();
             var client = new TestClient(app(defaults().httpsOnly(true).build()))) {
            assertThat(setCookies(loginVia(client, "https"))).isEmpty();
            assertThat(log.count(WARNING)).isEqualTo(1);
        }
    }

    @Test
    void forwardedHttpsDoesNotMatterWithoutHttpsOnly() {
        try (var client = new TestClient(app(defaults().build()))) {
            assertThat(loginVia(client, "https").header("set-cookie")).endsWith("; samesite=lax");
            client.cookies().clear();
            assertThat(loginVia(client, null).header("set-cookie")).endsWith("; samesite=lax");
        }
    }

    @Test
    void aRealHttpsRequestNeedsNoProxy() {
        try (var log = new CapturedStderr();
             var client = new TestClient(app(defaults().httpsOnly(true).build()), "https://example.com")) {
            assertThat(setCookies(loginVia(client, null))).hasSize(1);
            assertThat(log.text()).doesNotContain(WARNING);
        }
    }

    @Test
    void proxyHeadersMiddlewareInFrontMakesTheRequestHttpsForTheWholeApp() {
        var app = app(defaults().httpsOnly(true).build());
        app.addMiddleware(new ProxyHeadersMiddleware(TrustedProxies.of("testclient")));
        try (var client = new TestClient(app)) {
            assertThat(setCookies(loginVia(client, "https"))).hasSize(1);
            assertThat(setCookies(loginVia(client, null))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"})
    void localhostIsASecureContextAsBrowsersTreatIt(String baseUrl) {
        try (var log = new CapturedStderr();
             var client = new TestClient(app(defaults().httpsOnly(true).build()), baseUrl)) {
            TestResponse response = loginVia(client, null);

            assertThat(response.header("set-cookie")).endsWith("; secure");
            assertThat(log.text()).doesNotContain(WARNING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost.example.com", "http://example.com", "http://10.0.0.1"})
    void otherHostsOverHttpAreNot(String baseUrl) {
        try (var client = new TestClient(app(defaults().httpsOnly(true).build()), baseUrl)) {
            assertThat(setCookies(loginVia(client, null))).isEmpty();
        }
    }

    @Test
    void overARealSocketTo127001TheSecureCookieIsSent() {
        try (var client = TestClient.overNetwork(app(defaults().httpsOnly(true).trustedProxies("127.0.0.1")
                .build()).server(serverFactory()))) {
            assertThat(client.baseUrl().host()).isEqualTo("127.0.0.1");

            assertThat(loginVia(client, null).header("set-cookie")).endsWith("; secure");
            assertThat(loginVia(client, "https").header("set-cookie")).as("the jar refused the Secure cookie from "
                    + "http, so this is a new session again").endsWith("; secure");
        }
    }
}
