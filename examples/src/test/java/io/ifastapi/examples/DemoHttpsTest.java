package io.ifastapi.examples;

import io.ifastapi.server.ServerConfig;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import io.ifastapi.tls.TestCertificates;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo configured for HTTPS by uvicorn's variables, its endpoints over HTTP/2 and HTTP/1.1. */
@Timeout(60)
class DemoHttpsTest {
    @Test
    void sslVariablesServeTheDemoOverHttps() {
        TestCertificates certs = TlsClients.certificates();
        Map<String, String> env = Map.of("SECRET_KEY", "demo-https-test-secret-0123456789abcdef0123456789",
                "SSL_CERTFILE", certs.certFile().toString(), "SSL_KEYFILE", certs.keyFile().toString());
        ServerConfig config = ServerConfig.fromEnvironment(env).port(0);
        for (HttpClient.Version version : HttpClient.Version.values()) {
            try (TestClient client = TestClient.builder(DemoApp.create(env))
                    .overNetwork(config, TlsClients.httpClient(version)).build()) {
                assertThat(client.baseUrl().scheme()).isEqualTo("https");
                assertThat(client.get("/hello").text()).isEqualTo("{\"message\":\"hello\"}");
                TestResponse set = client.get("/set-session");
                assertThat(set.cookie("session")).isPresent();
                assertThat(client.get("/get-session").text()).isEqualTo("{\"key\":\"value\"}");
                assertThat(client.get("/counter").text()).isEqualTo("{\"n\":1}");
                assertThat(client.get("/counter").text()).isEqualTo("{\"n\":2}");
            }
        }
    }
}
