package io.ifastapi.tls;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test clients that reach the app over TLS: one self-signed certificate per test JVM (made by keytool on first
 * use), the app served with it, and the JDK's HttpClient trusting it, speaking HTTP/2 (chosen by ALPN) or
 * HTTP/1.1. The suites that run over plain HTTP/1.1 run over these too.
 */
public final class TlsClients {
    private static TestCertificates certificates;

    private TlsClients() {
    }

    /** The certificate of this JVM's tests, made once. */
    public static synchronized TestCertificates certificates() {
        if (certificates == null) {
            try {
                Path dir = Files.createTempDirectory("ifastapi-tls");
                dir.toFile().deleteOnExit();
                certificates = TestCertificates.ec(dir);
                for (Path file : new Path[]{certificates.keyStore(), certificates.certFile(), certificates.keyFile()}) {
                    file.toFile().deleteOnExit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return certificates;
    }

    /** A JDK client trusting the test certificate, speaking {@code version} (HTTP/2 is offered by ALPN). */
    public static HttpClient.Builder httpClient(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(certificates().clientContext());
    }

    /** The app served over HTTPS by its adapter, requests sent over HTTP/2. */
    public static TestClient.Builder http2(IFastAPI app) {
        return TestClient.builder(app).overNetwork(certificates().serverConfig(), httpClient(HttpClient.Version.HTTP_2));
    }

    /** The app served over HTTPS by its adapter, requests sent over HTTP/1.1. */
    public static TestClient.Builder https(IFastAPI app) {
        return TestClient.builder(app).overNetwork(certificates().serverConfig(), httpClient(HttpClient.Version.HTTP_1_1));
    }
}
