package io.ifastapi.tls;

import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.TlsConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made at test time by the JDK's keytool (nothing secret is
 * committed), in the forms servers are given: a PKCS12 keystore, and PEM certificate and PKCS#8 key files. Plus
 * the client side: an SSL context that trusts exactly this certificate.
 *
 * @param keyStore    PKCS12, password {@link #PASSWORD}
 * @param certFile    PEM certificate
 * @param keyFile     PEM private key, PKCS#8, unencrypted
 */
public record TestCertificates(Path keyStore, Path certFile, Path keyFile, String keyAlgorithm) {
    public static final String PASSWORD = "changeit";

    /** An EC P-256 key and certificate (what certbot and mkcert make today) in {@code dir}. */
    public static TestCertificates ec(Path dir) {
        return generate(dir, "ec", List.of("-keyalg", "EC", "-groupname", "secp256r1"));
    }

    /** An RSA 2048 key and certificate in {@code dir}. */
    public static TestCertificates rsa(Path dir) {
        return generate(dir, "rsa", List.of("-keyalg", "RSA", "-keysize", "2048"));
    }

    private static TestCertificates generate(Path dir, String name, List<String> keyOptions) {
        try {
            Path keyStore = dir.resolve(name + ".p12");
            Files.deleteIfExists(keyStore);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            List<String> command = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair",
                    "-alias", "server", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            command.addAll(keyOptions);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = load(keyStore);
            Certificate certificate = store.getCertificate("server");
            PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
            Path certFile = dir.resolve(name + "-cert.pem");
            Path keyFile = dir.resolve(name + "-key.pem");
            Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new TestCertificates(keyStore, certFile, keyFile, key.getAlgorithm());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** The server's TLS from the PEM files, as SSL_CERTFILE and SSL_KEYFILE give it. */
    public TlsConfig pem() {
        return TlsConfig.pem(certFile, keyFile);
    }

    /** Serving on 127.0.0.1, a free port, HTTPS from the PEM files. */
    public ServerConfig serverConfig() {
        return ServerConfig.defaults().port(0).tls(pem());
    }

    /** A client SSL context that trusts this certificate only. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(keyStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
