package io.ifastapi.examples;

import io.ifastapi.server.ServerConfig;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.tls.TestCertificates;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The login app served over HTTPS by SSL_CERTFILE/SSL_KEYFILE: a Secure session cookie, and HSTS when asked for. */
@Timeout(60)
class WebAppHttpsTest {
    static Map<String, String> httpsEnv(String... more) {
        TestCertificates certs = TlsClients.certificates();
        Map<String, String> env = new HashMap<>(Map.of("SECRET_KEY", WebAppTest.SECRET_KEY,
                "SSL_CERTFILE", certs.certFile().toString(), "SSL_KEYFILE", certs.keyFile().toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    static TestClient overHttps(Map<String, String> env) {
        return TestClient.builder(WebApp.create(env)).followRedirects(false)
                .overNetwork(ServerConfig.fromEnvironment(env).port(0), TlsClients.httpClient(HttpClient.Version.HTTP_2))
                .build();
    }

    @Test
    void overHttpsTheSessionCookieIsSecureAndNoHstsUnlessAskedFor() {
        try (TestClient client = overHttps(httpsEnv())) {
            assertThat(client.baseUrl().scheme()).isEqualTo("https");
            TestResponse loggedIn = WebAppTest.login(client, "alice", "wonderland", "");
            assertThat(loggedIn.status()).isEqualTo(303);
            var cookie = loggedIn.cookie("session").orElseThrow();
            assertThat(cookie.secure()).isTrue();
            assertThat(cookie.httpOnly()).isTrue();
            assertThat(cookie.header()).containsIgnoringCase("samesite=lax");
            assertThat(loggedIn.header("strict-transport-security")).isNull();
            assertThat(client.get("/profile").text()).contains("alice@example.com");
        }
    }

    @Test
    void hstsMaxAgeAddsTheHeaderToEveryHttpsResponse() {
        try (TestClient client = overHttps(httpsEnv("HSTS_MAX_AGE", "31536000"))) {
            assertThat(client.get("/").header("strict-transport-security")).isEqualTo("max-age=31536000");
            assertThat(client.get("/static/app.css").header("strict-transport-security"))
                    .isEqualTo("max-age=31536000");
            assertThat(client.get("/no-such-page").header("strict-transport-security"))
                    .isEqualTo("max-age=31536000");
        }
    }

    @Test
    void overHttpTheCookieIsNotSecure() {
        try (TestClient client = WebAppTest.client("cookie")) {
            TestResponse loggedIn = WebAppTest.login(client, "alice", "wonderland", "");
            assertThat(loggedIn.cookie("session").orElseThrow().secure()).isFalse();
            assertThat(loggedIn.header("strict-transport-security")).isNull();
        }
    }

    @Test
    void hstsWithoutHttpsOrWithABadValueFailsNamingTheFix() {
        assertThatThrownBy(() -> WebApp.create(Map.of("SECRET_KEY", WebAppTest.SECRET_KEY, "HSTS_MAX_AGE", "60")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set SSL_CERTFILE and SSL_KEYFILE, or unset HSTS_MAX_AGE");
        for (String bad : new String[] {"a year", "-1", "1.5"}) {
            assertThatThrownBy(() -> WebApp.create(httpsEnv("HSTS_MAX_AGE", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("HSTS_MAX_AGE must be a whole number of seconds, 0 or more (0 makes the browser "
                            + "forget the policy); got '" + bad + "'. A year is 31536000.");
        }
    }
}
