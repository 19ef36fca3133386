package io.ifastapi.sessions;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): turns a secret into independent keys for different purposes, so that the same
 * {@link SecretKey} can sign Starlette cookies and encrypt our own without the two uses ever sharing a key.
 * Checked against the RFC's appendix A test vectors in the tests.
 */
public final class Hkdf {

    /** SHA-256 output length, the RFC's HashLen. */
    public static final int HASH_LENGTH = 32;

    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** Extract then expand: {@code length} bytes of key material for the purpose named by {@code info}. */
    public static byte[] derive(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        return expand(extract(salt, inputKeyMaterial), info, length);
    }

    /**
     * RFC 5869 section 2.2: PRK = HMAC-Hash(salt, IKM). A null or empty salt means HashLen zero bytes, as the RFC
     * says (the JDK refuses an empty HMAC key, and HMAC pads a short key with zeros anyway).
     */
    public static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return hmac(key).doFinal(inputKeyMaterial);
    }

    /** RFC 5869 section 2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), OKM = the first L bytes of T(1) | T(2)... */
    public static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        Objects.requireNonNull(pseudoRandomKey, "pseudoRandomKey");
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 can expand to 1.." + 255 * HASH_LENGTH
                    + " bytes, not " + length);
        }
        Mac mac = hmac(pseudoRandomKey);
        byte[] output = new byte[length];
        byte[] previous = new byte[0];
        for (int i = 1, filled = 0; filled < length; i++) {
            mac.update(previous);
            if (info != null) {
                mac.update(info);
            }
            mac.update((byte) i);
            previous = mac.doFinal();
            int n = Math.min(previous.length, length - filled);
            System.arraycopy(previous, 0, output, filled, n);
            filled += n;
        }
        return output;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no HmacSHA256, which every JDK must have", e);
        }
    }
}
