package io.ifastapi.sessions;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A session cookie nobody but the server can read or change: AES-256-GCM. Starlette's cookie is only signed, so
 * anyone holding it can base64-decode the session; use this codec when the session holds anything the user must
 * not see.
 *
 * <p>Format, version 1:
 * <pre>
 *   cookie    = base64url_nopad( 0x01 | nonce | ciphertext_and_tag )
 *   nonce     = 12 fresh random bytes per cookie
 *   plaintext = issued_at (8 bytes, big-endian epoch seconds) | utf8(json.dumps(session))
 *   AAD       = the version byte 0x01, so the version cannot be swapped without failing the tag
 *   tag       = 16 bytes (128 bits)
 *   key       = HKDF-SHA256(salt = "ifastapi.EncryptedCookieCodec", IKM = secret key bytes,
 *                           info = "ifastapi session cookie v1", L = 32)
 * </pre>
 * The salt is fixed and public: it only separates this use from others of the same secret, the secret brings the
 * entropy. The JSON is {@link PythonJson}'s, the same text the signed codec uses, so the middleware can compare
 * sessions the same way with either codec. The base64 text must be canonical, so any change to the cookie is
 * either unreadable ({@link DecodeStatus#MALFORMED}) or fails the tag ({@link DecodeStatus#BAD_SIGNATURE}).
 *
 * <p>Random 96-bit nonces stay safe for about 2^32 cookies per key (NIST SP 800-38D); rotate keys well before
 * that. Key rotation: the first key encrypts, every key is tried for decryption.
 *
 * <p>A cookie decrypted recently is not decrypted again: its JSON, issue time and key are remembered (a bounded
 * {@link VerifiedCookieCache}) and its age is checked on every request.
 */
public final class EncryptedCookieCodec implements SessionCodec {

    static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = 1 + NONCE_BYTES;
    private static final int TIMESTAMP_BYTES = Long.BYTES;
    private static final byte[] AAD = {VERSION};
    private static final byte[] HKDF_SALT = "ifastapi.EncryptedCookieCodec".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HKDF_INFO = "ifastapi session cookie v1".getBytes(StandardCharsets.US_ASCII);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec[] keys;
    private final Duration maxAge;
    private final Clock clock;
    private final VerifiedCookieCache verified = new VerifiedCookieCache();
    private final CipherPool ciphers = new CipherPool(TRANSFORMATION); // fails here on a JDK without AES-GCM

    /**
     * @param keys the secret keys, current first: the first encrypts, all are tried to decrypt (rotation)
     * @param maxAge cookies older than this are refused; null for no limit, negative to refuse all
     * @param clock "now", for the issue time written and the age checks
     */
    public EncryptedCookieCodec(List<SecretKey> keys, Duration maxAge, Clock clock) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one secret key is needed");
        }
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new SecretKeySpec[keys.size()];
        for (int i = 0; i < this.keys.length; i++) {
            SecretKey key = Objects.requireNonNull(keys.get(i), "keys[" + i + "]");
            this.keys[i] = new SecretKeySpec(Hkdf.derive(HKDF_SALT, key.bytes(), HKDF_INFO, 32), "AES");
        }
    }

    /** One key, a 14-day max age like the signed codec, the system clock. */
    public static EncryptedCookieCodec of(SecretKey key) {
        return new EncryptedCookieCodec(List.of(key), SignedCookieCodec.DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    @Override
    public String encode(Map<String, ?> session) {
        Objects.requireNonNull(session, "session");
        return encodeJson(PythonJson.dumps(session));
    }

    /** {@link #encode} of a session whose {@link PythonJson#dumps} is {@code jsonText} (the middleware has it already). */
    String encodeJson(String jsonText) {
        byte[] json = jsonText.getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = ByteBuffer.allocate(TIMESTAMP_BYTES + json.length)
                .putLong(SessionAge.nowSeconds(clock))
                .put(json)
                .array();
        byte[] out = new byte[HEADER_BYTES + plaintext.length + TAG_BYTES];
        out[0] = VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
        Cipher cipher = ciphers.take();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, keys[0], new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(AAD);
            cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        } finally {
            ciphers.give(cipher);
        }
        return Base64Url.encode(out);
    }

    @Override
    public DecodeResult decode(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return DecodeResult.invalid(DecodeStatus.MISSING);
        }
        if (cookieValue.length() > MAX_COOKIE_CHARS) {
            return DecodeResult.invalid(DecodeStatus.MALFORMED);
        }
        DecodeResult known = verified.decode(cookieValue, clock, maxAge);
        if (known != null) {
            return known;
        }
        byte[] bytes;
        try {
            bytes = Base64Url.decodeCanonical(cookieValue);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length < HEADER_BYTES + TIMESTAMP_BYTES + TAG_BYTES || bytes[0] != VERSION) {
            return DecodeResult.invalid(DecodeStatus.MALFORMED);
        }
        for (int keyIndex = 0; keyIndex < keys.length; keyIndex++) {
            byte[] plaintext = decrypt(bytes, keys[keyIndex]);
            if (plaintext != null) {
                return verified.remember(cookieValue, read(plaintext, keyIndex));
            }
        }
        return DecodeResult.invalid(DecodeStatus.BAD_SIGNATURE);
    }

    /** The max age this codec enforces; null when there is none. */
    public Duration maxAge() {
        return maxAge;
    }

    private DecodeResult read(byte[] plaintext, int keyIndex) {
        long issuedAt = ByteBuffer.wrap(plaintext).getLong();
        if (!SessionAge.isValidIssueTime(issuedAt)) {
            return DecodeResult.invalid(DecodeStatus.MALFORMED); // authentic, so only a foreign writer with our key
        }
        DecodeStatus status = SessionAge.check(issuedAt, SessionAge.nowSeconds(clock), maxAge);
        if (status != DecodeStatus.VALID) {
            return DecodeResult.refusedForAge(status, Instant.ofEpochSecond(issuedAt), keyIndex);
        }
        byte[] jsonBytes = new byte[plaintext.length - TIMESTAMP_BYTES];
        System.arraycopy(plaintext, TIMESTAMP_BYTES, jsonBytes, 0, jsonBytes.length);
        try {
            String json = StrictUtf8.decode(jsonBytes);
            return DecodeResult.valid(PythonJson.parse(json), Instant.ofEpochSecond(issuedAt), keyIndex, json);
        } catch (CharacterCodingException | MalformedJsonException e) {
            return DecodeResult.invalid(DecodeStatus.MALFORMED); // authentic, so only a foreign writer with our key
        }
    }

    /** The plaintext, or null when the tag does not verify under this key. */
    private byte[] decrypt(byte[] cookie, SecretKeySpec key) {
        Cipher cipher = ciphers.take();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, cookie, 1, NONCE_BYTES));
            cipher.updateAAD(AAD);
            return cipher.doFinal(cookie, HEADER_BYTES, cookie.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption could not run", e);
        } finally {
            ciphers.give(cipher);
        }
    }
}
