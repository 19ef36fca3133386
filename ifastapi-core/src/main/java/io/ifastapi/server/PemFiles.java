package io.ifastapi.server;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificate chains and private keys with the JDK alone (java.security), for {@link TlsConfig}: the
 * formats openssl, certbot and mkcert write. Keys: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, PBES2 as openssl 3 writes it), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC
 * ({@code EC PRIVATE KEY}); the last two are rewrapped as PKCS#8, which the JDK's key factories read.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of the AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1, NULL parameters). */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The TLS " + what + " file " + file.toAbsolutePath() + " does not exist: "
                    + "check the path (SSL_CERTFILE, SSL_KEYFILE, or the TlsConfig given to ServerConfig.tls)");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("The TLS " + what + " file " + file.toAbsolutePath() + " is not readable "
                    + "by this process: fix its permissions");
        }
    }

    private static String read(Path file, String what) {
        requireReadable(file, what);
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the TLS " + what + " file " + file + ": " + e, e);
        }
    }

    /** The certificates of a PEM file, in order (the server's own first). */
    static List<X509Certificate> certificates(Path file) {
        String text = read(file, "certificate");
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Matcher block = BLOCK.matcher(text); block.find(); ) {
                if (block.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(decode(block.group(2), file))));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("The certificate file " + file + " holds a certificate that cannot be "
                    + "parsed (" + e.getMessage() + "): give a PEM file with -----BEGIN CERTIFICATE----- blocks", e);
        }
        if (chain.isEmpty()) {
            throw new IllegalStateException("The certificate file " + file + " holds no -----BEGIN CERTIFICATE----- "
                    + "block: SSL_CERTFILE must be the PEM certificate chain (the key goes in SSL_KEYFILE)");
        }
        return chain;
    }

    /** The private key of a PEM file; {@code password} for an encrypted one. */
    static PrivateKey privateKey(Path file, String password) {
        String text = read(file, "key");
        for (Matcher block = BLOCK.matcher(text); block.find(); ) {
            String type = block.group(1);
            String body = block.group(2);
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(decode(body, file), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null || password.isEmpty()) {
                        throw new IllegalStateException("The key file " + file + " is encrypted: give its password "
                                + "(SSL_KEYFILE_PASSWORD, or TlsConfig.pem(cert, key, password))");
                    }
                    return pkcs8(decrypt(decode(body, file), password, file), file);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (body.contains("ENCRYPTED")) {
                        throw new IllegalStateException("The key file " + file + " is encrypted in OpenSSL's legacy "
                                + "format, which the JDK cannot read: convert it to encrypted PKCS#8 with `openssl "
                                + "pkcs8 -topk8 -v2 aes-256-cbc -in " + file + " -out key-pkcs8.pem`");
                    }
                    byte[] der = decode(body, file);
                    return pkcs8(type.startsWith("RSA") ? rsaToPkcs8(der) : ecToPkcs8(der, file), file);
                }
                default -> {
                    // certificates and EC PARAMETERS blocks around the key
                }
            }
        }
        throw new IllegalStateException("The key file " + file + " holds no private key (-----BEGIN PRIVATE KEY-----): "
                + "SSL_KEYFILE must be the PEM private key of the certificate");
    }

    /** Fails unless {@code key} belongs to the certificate: a signature by the key must verify with its public key. */
    static void checkMatch(PrivateKey key, X509Certificate certificate, Path keySource) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null; // other kinds: the TLS handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        boolean matches;
        try {
            byte[] probe = "iFastAPI key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an EC key for an RSA certificate
        }
        if (!matches) {
            throw new IllegalStateException("The private key in " + keySource + " does not belong to the certificate "
                    + "for " + certificate.getSubjectX500Principal().getName() + ": give the key the certificate was "
                    + "issued for (SSL_KEYFILE), and the certificate first in SSL_CERTFILE");
        }
    }

    private static byte[] decode(String base64, Path file) {
        String cleaned = base64.lines().filter(line -> !line.contains(":")) // PEM headers (Proc-Type, DEK-Info)
                .reduce("", String::concat).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(cleaned);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The PEM file " + file + " is damaged (bad base64: " + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisKind) {
                // try the next kind
            }
        }
        throw new IllegalStateException("The key in " + file + " is not an RSA, EC or EdDSA private key the JDK can read");
    }

    private static byte[] decrypt(byte[] der, String password, Path file) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 names its real algorithm (e.g. PBEWithHmacSHA256AndAES_256) in its parameters
            String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            if (algorithm.isBlank() || algorithm.startsWith("PBES2")) {
                algorithm = info.getAlgName();
            }
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot decrypt the key in " + file + " (" + e.getMessage() + "): check "
                    + "its password (SSL_KEYFILE_PASSWORD); if it still fails, re-encrypt it with `openssl pkcs8 "
                    + "-topk8 -v2 aes-256-cbc`", e);
        }
    }

    /** PKCS#1 RSAPrivateKey into PKCS#8: SEQUENCE { 0, rsaEncryption, OCTET STRING { key } }. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        return sequence(new byte[]{0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1));
    }

    /** SEC1 ECPrivateKey into PKCS#8, with the curve named in its [0] parameters. */
    private static byte[] ecToPkcs8(byte[] sec1, Path file) {
        // ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING, [0] ECParameters, [1] publicKey }
        byte[] curve = null;
        try {
            Der outer = new Der(sec1, 0);
            for (int at = outer.contentStart; at < outer.end; ) {
                Der field = new Der(sec1, at);
                if (field.tag == 0xa0) {
                    curve = Arrays.copyOfRange(sec1, field.contentStart, field.end);
                }
                at = field.end;
            }
        } catch (IndexOutOfBoundsException damaged) {
            throw new IllegalStateException("The EC key in " + file + " is damaged (truncated DER)", damaged);
        }
        if (curve == null) {
            throw new IllegalStateException("The EC key in " + file + " does not name its curve: convert it with "
                    + "`openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem`");
        }
        byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY, curve));
        return sequence(new byte[]{0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1));
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** One DER element's tag and extent. */
    private static final class Der {
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] der, int at) {
            tag = der[at] & 0xff;
            int length = der[at + 1] & 0xff;
            int start = at + 2;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            }
            contentStart = start;
            end = start + length;
        }
    }
}
