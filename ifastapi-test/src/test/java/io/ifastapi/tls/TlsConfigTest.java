package io.ifastapi.tls;

import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.TlsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Reading the server's certificate and key: every format users have, and every mistake named with its fix. */
class TlsConfigTest {
    @TempDir
    static Path dir;
    static TestCertificates ec;
    static TestCertificates rsa;

    @BeforeAll
    static void certificates() {
        ec = TestCertificates.ec(dir);
        rsa = TestCertificates.rsa(dir);
    }

    private static X509Certificate loadedCertificate(TlsConfig tls) throws Exception {
        KeyStore store = tls.load();
        assertThat(store.getKey(TlsConfig.ALIAS, tls.keyPassword())).isNotNull();
        return (X509Certificate) store.getCertificate(TlsConfig.ALIAS);
    }

    @Test
    void pemCertificateAndPkcs8Key() throws Exception {
        assertThat(loadedCertificate(ec.pem()).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(loadedCertificate(rsa.pem()).getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void keyAndCertificateInOneFile() throws Exception {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, Files.readString(ec.keyFile()) + Files.readString(ec.certFile()));
        assertThat(loadedCertificate(new TlsConfig(both, null, null, null))).isNotNull();
    }

    @Test
    void pkcs12KeyStore() throws Exception {
        assertThat(loadedCertificate(TlsConfig.keyStore(ec.keyStore(), TestCertificates.PASSWORD))).isNotNull();
    }

    @Test
    void wrongKeyStorePasswordNamesTheVariable() {
        assertThatThrownBy(() -> TlsConfig.keyStore(ec.keyStore(), "wrong").load())
                .hasMessageContaining("SSL_KEYFILE_PASSWORD");
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> TlsConfig.pem(missing, ec.keyFile()).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nope.pem").hasMessageContaining("does not exist")
                .hasMessageContaining("SSL_CERTFILE");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws IOException {
        assertThatThrownBy(() -> TlsConfig.pem(ec.certFile(), rsa.keyFile()).load())
                .hasMessageContaining("does not belong to the certificate").hasMessageContaining("SSL_KEYFILE");
        TestCertificates other = TestCertificates.ec(Files.createDirectories(dir.resolve("other")));
        assertThatThrownBy(() -> TlsConfig.pem(ec.certFile(), other.keyFile()).load())
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void certificateFileWithoutCertificates() {
        assertThatThrownBy(() -> TlsConfig.pem(ec.keyFile(), ec.keyFile()).load())
                .hasMessageContaining("no -----BEGIN CERTIFICATE-----");
    }

    @Test
    void keyFileWithoutKey() {
        assertThatThrownBy(() -> TlsConfig.pem(ec.certFile(), ec.certFile()).load())
                .hasMessageContaining("holds no private key");
    }

    @Test
    void encryptedPkcs8KeyNeedsItsPassword() throws Exception {
        Path encrypted = openssl("enc.pem", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret",
                "-in", ec.keyFile().toString());
        assertThatThrownBy(() -> TlsConfig.pem(ec.certFile(), encrypted).load())
                .hasMessageContaining("is encrypted").hasMessageContaining("SSL_KEYFILE_PASSWORD");
        assertThatThrownBy(() -> TlsConfig.pem(ec.certFile(), encrypted, "wrong").load())
                .hasMessageContaining("check its password");
        assertThat(loadedCertificate(TlsConfig.pem(ec.certFile(), encrypted, "secret"))).isNotNull();
    }

    @Test
    void traditionalRsaAndEcKeys() throws Exception {
        Path pkcs1 = openssl("rsa-pkcs1.pem", "pkey", "-traditional", "-in", rsa.keyFile().toString());
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(loadedCertificate(TlsConfig.pem(rsa.certFile(), pkcs1))).isNotNull();

        Path sec1 = openssl("ec-sec1.pem", "pkey", "-traditional", "-in", ec.keyFile().toString());
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThat(loadedCertificate(TlsConfig.pem(ec.certFile(), sec1))).isNotNull();
    }

    @Test
    void legacyEncryptedKeyIsExplained() throws Exception {
        Path legacy = openssl("rsa-legacy.pem", "rsa", "-traditional", "-aes256", "-passout", "pass:secret",
                "-in", rsa.keyFile().toString());
        assertThatThrownBy(() -> TlsConfig.pem(rsa.certFile(), legacy, "secret").load())
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void environmentAsUvicornNamesIt() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("SSL_CERTFILE", ec.certFile().toString(),
                "SSL_KEYFILE", ec.keyFile().toString()));
        assertThat(config.tls()).isEqualTo(TlsConfig.pem(ec.certFile(), ec.keyFile()));
        assertThat(config.scheme()).isEqualTo("https");

        ServerConfig keyStore = ServerConfig.fromEnvironment(Map.of("SSL_CERTFILE", ec.keyStore().toString(),
                "SSL_KEYFILE_PASSWORD", TestCertificates.PASSWORD));
        assertThat(keyStore.tls()).isEqualTo(TlsConfig.keyStore(ec.keyStore(), TestCertificates.PASSWORD));

        assertThat(ServerConfig.fromEnvironment(Map.of()).tls()).isNull();
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("SSL_KEYFILE", "k.pem")))
                .hasMessageContaining("set SSL_CERTFILE");
    }

    @Test
    void passwordStaysOutOfToString() {
        assertThat(TlsConfig.pem(ec.certFile(), ec.keyFile(), "secret").toString()).doesNotContain("secret");
    }

    @Test
    void onlyModernProtocolsAndSuites() {
        assertThat(TlsConfig.PROTOCOLS).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TlsConfig.CIPHER_SUITES).allMatch(suite -> suite.contains("GCM") || suite.contains("CHACHA20"));
    }

    /** Runs openssl (installed on the build machines; skipped where it is not) on a key, writing {@code name}. */
    private static Path openssl(String name, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        command.addAll(List.of("-out", out.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noOpenssl) {
            assumeThat(false).as("openssl is not installed").isTrue();
            throw noOpenssl;
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return out;
    }
}
