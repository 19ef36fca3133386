package io.ifastapi.sessions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes and checks the cookie of a server-side session: {@code <id>.<signature>}, where the id is 32 random bytes
 * (256 bits, base64url) and the signature HMAC-SHA256 of the id under a key derived from the secret. Signing the
 * id means a guessed or forged id is refused before the store is asked, and rotating the secret logs nobody out:
 * every key verifies, the first signs.
 *
 * <p>This runs on every request that uses a stored session (verify) and every one that sends its cookie (sign), so,
 * as in {@link TimestampSigner}, each call clones a {@link Mac} already initialised with its key instead of paying
 * {@code Mac.getInstance} (a provider lookup) and {@code init} each time.
 */
final class SessionIdSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int ID_BYTES = 32;
    private static final int ID_CHARS = 43;        // base64url of 32 bytes, no padding
    private static final int SIGNATURE_CHARS = 43; // base64url of a 32-byte HMAC-SHA256

    private final List<SecretKeySpec> keys = new ArrayList<>();
    /** One initialised Mac per key, cloned for each use; null when the provider cannot clone. */
    private final List<Mac> prototypes = new ArrayList<>();

    SessionIdSigner(List<SecretKey> secrets) {
        for (SecretKey secret : secrets) {
            SecretKeySpec key = new SecretKeySpec(derive(secret), "HmacSHA256");
            keys.add(key);
            Mac prototype = newMac(key);
            prototypes.add(canClone(prototype) ? prototype : null);
        }
    }

    static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    String sign(String id) {
        return id + "." + B64.encodeToString(mac(0, id));
    }

    /** The id when the value is well formed and signed by one of the keys, else null. */
    Verified verify(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != ID_CHARS + 1 + SIGNATURE_CHARS
                || cookieValue.charAt(ID_CHARS) != '.') {
            return null;
        }
        String id = cookieValue.substring(0, ID_CHARS);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(cookieValue.substring(ID_CHARS + 1));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(mac(i, id), given)) {
                return new Verified(id, i > 0);
            }
        }
        return null;
    }

    record Verified(String id, boolean oldKey) {
    }

    private byte[] mac(int keyIndex, String id) {
        Mac prototype = prototypes.get(keyIndex);
        Mac mac;
        try {
            mac = prototype != null ? (Mac) prototype.clone() : newMac(keys.get(keyIndex));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The HMAC provider stopped supporting clone()", e);
        }
        return mac.doFinal(id.getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static boolean canClone(Mac mac) {
        try {
            mac.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    /** A key of its own for ids, so that an id signature can never pass for a cookie signature or the reverse. */
    private static byte[] derive(SecretKey secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            return mac.doFinal("ifastapi session id v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
