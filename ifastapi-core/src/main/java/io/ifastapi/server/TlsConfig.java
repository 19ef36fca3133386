package io.ifastapi.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * HTTPS for a {@link ServerConfig}: the server's certificate chain and private key, either as PEM files (uvicorn's
 * {@code --ssl-certfile}, {@code --ssl-keyfile}, {@code --ssl-keyfile-password}) or as a PKCS12/JKS keystore.
 * Both adapters serve TLS 1.3 and 1.2 only, with {@link #CIPHER_SUITES} (AEAD ciphers with forward secrecy, the
 * suites HTTP/2 allows, Mozilla's "intermediate" list).
 *
 * <p>{@link #load()} reads and checks the files when the server starts, so a missing file, a key that does not
 * belong to the certificate or an encrypted key without its password stops the start with a message that says
 * what to change.
 *
 * @param certFile         PEM certificate chain, the server's certificate first (may also hold the key)
 * @param keyFile          PEM private key (PKCS#8, encrypted PKCS#8, or PKCS#1 RSA); null: the key is in certFile
 * @param keyStoreFile     a PKCS12 or JKS keystore holding one key entry (its certificate chain with it)
 * @param password         the key's password (PEM) or the keystore's; null when unencrypted
 */
public record TlsConfig(Path certFile, Path keyFile, Path keyStoreFile, String password) {
    /** TLS versions served: 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** AEAD suites with forward secrecy, strongest first; the TLS 1.3 ones first. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    /** The alias and password of the single entry in {@link #load()}'s keystore. */
    public static final String ALIAS = "server";

    public TlsConfig {
        if ((certFile == null) == (keyStoreFile == null)) {
            throw new IllegalArgumentException("TLS needs either a PEM certificate file (SSL_CERTFILE) or a keystore, "
                    + "not both and not neither");
        }
        if (keyStoreFile != null && keyFile != null) {
            throw new IllegalArgumentException("A keystore holds its key: give no separate key file with it");
        }
    }

    /** PEM certificate chain and PEM private key, unencrypted. */
    public static TlsConfig pem(Path certFile, Path keyFile) {
        return new TlsConfig(certFile, keyFile, null, null);
    }

    /** PEM certificate chain and PEM private key encrypted with {@code password} (PKCS#8). */
    public static TlsConfig pem(Path certFile, Path keyFile, String password) {
        return new TlsConfig(certFile, keyFile, null, password);
    }

    /** A PKCS12 (.p12, .pfx) or JKS keystore with one private key entry, and its password. */
    public static TlsConfig keyStore(Path keyStoreFile, String password) {
        return new TlsConfig(null, null, keyStoreFile, password);
    }

    /**
     * The key and its chain as an in-memory PKCS12 keystore with one entry, {@link #ALIAS}, protected by
     * {@link #keyPassword()}: what both adapters hand to their TLS engine.
     *
     * @throws IllegalStateException naming the file and the fix when a file is missing or unreadable, the key is
     *                               encrypted and no password was given, or the key does not match the certificate
     */
    public KeyStore load() {
        PrivateKey key;
        List<X509Certificate> chain;
        if (keyStoreFile != null) {
            KeyStore source = readKeyStore();
            String alias = keyAlias(source);
            try {
                key = (PrivateKey) source.getKey(alias, passwordChars());
                Certificate[] certificates = source.getCertificateChain(alias);
                if (certificates == null || certificates.length == 0) {
                    throw new IllegalStateException("The key in the keystore " + keyStoreFile + " has no certificate "
                            + "chain: import the key together with its certificate");
                }
                chain = Arrays.stream(certificates).map(X509Certificate.class::cast).toList();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the key in the keystore " + keyStoreFile + " (" + e.getMessage()
                        + "): the key's password must be the keystore's password", e);
            }
        } else {
            chain = PemFiles.certificates(certFile);
            key = PemFiles.privateKey(keyFile == null ? certFile : keyFile, password);
        }
        PemFiles.checkMatch(key, chain.getFirst(), keyStoreFile != null ? keyStoreFile : keyFile == null ? certFile : keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, keyPassword(), chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot hold the TLS key in memory: " + e, e);
        }
    }

    /** The password of the entry in {@link #load()}'s keystore: in memory only, so a fixed one does. */
    public char[] keyPassword() {
        return "ifastapi".toCharArray();
    }

    private char[] passwordChars() {
        return password == null ? new char[0] : password.toCharArray();
    }

    private KeyStore readKeyStore() {
        PemFiles.requireReadable(keyStoreFile, "keystore");
        GeneralSecurityException last = null;
        for (String type : List.of("PKCS12", "JKS")) {
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, passwordChars());
                return store;
            } catch (IOException e) {
                if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                    throw new IllegalStateException("Wrong password for the keystore " + keyStoreFile
                            + ": set SSL_KEYFILE_PASSWORD (or TlsConfig.keyStore(file, password)) to its password", e);
                }
                last = new GeneralSecurityException(e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new IllegalStateException("Cannot read " + keyStoreFile + " as a PKCS12 or JKS keystore (" + last.getMessage()
                + "): check the file and its password (SSL_KEYFILE_PASSWORD), or give PEM files instead", last);
    }

    private String keyAlias(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot list the keystore " + keyStoreFile + ": " + e, e);
        }
        throw new IllegalStateException("The keystore " + keyStoreFile + " holds no private key: import the server's "
                + "key and certificate chain into it (keytool -importkeystore, or openssl pkcs12 -export)");
    }

    /** The password stays out of logs. */
    @Override
    public String toString() {
        return "TlsConfig[" + (keyStoreFile != null ? "keyStore=" + keyStoreFile : "cert=" + certFile + ", key="
                + (keyFile == null ? certFile : keyFile)) + (password == null ? "" : ", password=***") + "]";
    }
}
