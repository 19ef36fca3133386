package io.ifastapi.sessions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * itsdangerous' {@code TimestampSigner} with the defaults Starlette uses, so values signed here verify there and
 * the other way round.
 *
 * <p>Facts (itsdangerous 2.1 {@code signer.py}, {@code timed.py}, {@code encoding.py}; checked against cookies minted
 * by Starlette 0.26.1 in the tests):
 * <ul>
 *   <li>signed = value + "." + timestamp + "." + signature;</li>
 *   <li>timestamp = base64url, unpadded, of the epoch seconds as big-endian bytes with no leading zero bytes;</li>
 *   <li>signature = base64url, unpadded, of HMAC-SHA1(key, value + "." + timestamp);</li>
 *   <li>key = SHA1("itsdangerous.Signer" + "signer" + secret): the "django-concat" derivation with the default
 *       salt.</li>
 * </ul>
 *
 * <p>Key rotation: the first key signs, every key verifies, and the result says which one did, so a caller can
 * re-sign what an old key signed. Signatures are compared in constant time.
 *
 * <p>This is on the path of every request that carries a session, so the HMAC keys are derived once, here, and
 * each call clones a {@link Mac} already initialised with its key (cheaper than {@code Mac.getInstance} + init,
 * and no thread-locals, which virtual threads would multiply instead of reuse).
 */
public final class TimestampSigner {

    /** The separator between value, timestamp and signature. */
    public static final char SEPARATOR = '.';

    /** A timestamp is at most 8 bytes, so at most 11 base64 characters. */
    private static final int MAX_TIMESTAMP_CHARS = 11;

    private static final String HMAC = "HmacSHA1";
    private static final byte[] DERIVATION_PREFIX =
            "itsdangerous.Signersigner".getBytes(StandardCharsets.US_ASCII); // salt + b"signer"

    private final Mac[] prototypes;
    private final boolean cloneable;
    private final SecretKeySpec[] hmacKeys;
    private final Clock clock;

    /**
     * @param keys the secrets, current first; the first signs, all verify
     * @param clock where "now" comes from, for signing and for the age checks
     */
    public TimestampSigner(List<SecretKey> keys, Clock clock) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one secret key is needed");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hmacKeys = new SecretKeySpec[keys.size()];
        this.prototypes = new Mac[keys.size()];
        for (int i = 0; i < hmacKeys.length; i++) {
            SecretKey key = Objects.requireNonNull(keys.get(i), "keys[" + i + "]");
            hmacKeys[i] = new SecretKeySpec(deriveKey(key), HMAC);
            prototypes[i] = newMac(hmacKeys[i]);
        }
        this.cloneable = canClone(prototypes[0]);
    }

    /** One key, the system clock (UTC). */
    public TimestampSigner(SecretKey key) {
        this(List.of(key), Clock.systemUTC());
    }

    /** {@code value} signed now, by the clock. */
    public String sign(String value) {
        return sign(value, SessionAge.nowSeconds(clock));
    }

    /** {@code value} signed as if at {@code epochSeconds}. */
    public String sign(String value, long epochSeconds) {
        Objects.requireNonNull(value, "value");
        if (!SessionAge.isValidIssueTime(epochSeconds)) {
            throw new IllegalArgumentException("Only times from 1970 to Instant.MAX can be signed: " + epochSeconds);
        }
        String timestamped = value + SEPARATOR + Base64Url.encode(timestampBytes(epochSeconds));
        byte[] signature = mac(0).doFinal(timestamped.getBytes(StandardCharsets.UTF_8));
        return timestamped + SEPARATOR + Base64Url.encode(signature);
    }

    /**
     * Verifies {@code signedValue} and returns the value it signs. Never throws on any input.
     *
     * @param maxAge null for no age check (itsdangerous' {@code max_age=None}); otherwise older values are
     *     {@link DecodeStatus#EXPIRED} and values from the future {@link DecodeStatus#FUTURE_TIMESTAMP}
     */
    public Unsigned unsign(String signedValue, Duration maxAge) {
        if (signedValue == null || signedValue.isEmpty()) {
            return Unsigned.refused(DecodeStatus.MISSING);
        }
        int sigDot = signedValue.lastIndexOf(SEPARATOR);
        int tsDot = signedValue.lastIndexOf(SEPARATOR, sigDot - 1);
        int length = signedValue.length();
        if (tsDot < 0 || sigDot == length - 1 || sigDot - tsDot - 1 > MAX_TIMESTAMP_CHARS
                || !Base64Url.isUrlAlphabet(signedValue, tsDot + 1, sigDot)
                || !Base64Url.isUrlAlphabet(signedValue, sigDot + 1, length)) {
            return Unsigned.refused(DecodeStatus.MALFORMED);
        }
        byte[] signed = signedValue.substring(0, sigDot).getBytes(StandardCharsets.UTF_8);
        byte[] presented = signedValue.substring(sigDot + 1).getBytes(StandardCharsets.US_ASCII);
        int keyIndex = verifyingKey(signed, presented);
        if (keyIndex < 0) {
            return Unsigned.refused(DecodeStatus.BAD_SIGNATURE);
        }
        long issuedAt = parseTimestamp(signedValue.substring(tsDot + 1, sigDot));
        if (!SessionAge.isValidIssueTime(issuedAt)) {
            return Unsigned.refused(DecodeStatus.MALFORMED);
        }
        DecodeStatus status = SessionAge.check(issuedAt, SessionAge.nowSeconds(clock), maxAge);
        String value = status == DecodeStatus.VALID ? signedValue.substring(0, tsDot) : null;
        return new Unsigned(status, value, Instant.ofEpochSecond(issuedAt), keyIndex);
    }

    /** The clock this signer reads "now" from. */
    public Clock clock() {
        return clock;
    }

    /**
     * The timestamp of a signed value, read without checking anything: for debugging tools that show what a
     * refused cookie claims. Null when there is no readable timestamp.
     */
    public static Instant unverifiedTimestamp(String signedValue) {
        if (signedValue == null) {
            return null;
        }
        int sigDot = signedValue.lastIndexOf(SEPARATOR);
        int tsDot = signedValue.lastIndexOf(SEPARATOR, sigDot - 1);
        if (tsDot < 0 || sigDot - tsDot - 1 > MAX_TIMESTAMP_CHARS) {
            return null;
        }
        long seconds = parseTimestamp(signedValue.substring(tsDot + 1, sigDot));
        return SessionAge.isValidIssueTime(seconds) ? Instant.ofEpochSecond(seconds) : null;
    }

    /**
     * The result of {@link #unsign}.
     *
     * @param status VALID, or why not
     * @param value the signed value when VALID, else null
     * @param issuedAt the signing time once the signature verified (VALID, EXPIRED, FUTURE_TIMESTAMP), else null
     * @param keyIndex which key verified the signature, -1 when none did
     */
    public record Unsigned(DecodeStatus status, String value, Instant issuedAt, int keyIndex) {

        static Unsigned refused(DecodeStatus status) {
            return new Unsigned(status, null, null, -1);
        }
    }

    private int verifyingKey(byte[] signed, byte[] presented) {
        for (int i = 0; i < prototypes.length; i++) {
            byte[] expected = Base64Url.ENCODER.encode(mac(i).doFinal(signed));
            if (MessageDigest.isEqual(expected, presented)) {
                return i;
            }
        }
        return -1;
    }

    /** itsdangerous' {@code int_to_bytes}: big-endian, no leading zero bytes (so 0 is no bytes at all). */
    private static byte[] timestampBytes(long seconds) {
        int length = (Long.SIZE - Long.numberOfLeadingZeros(seconds) + 7) / 8;
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            bytes[i] = (byte) seconds;
            seconds >>>= 8;
        }
        return bytes;
    }

    /** itsdangerous' {@code int_from_bytes} of the base64 text; -1 when it is not canonical base64 of 0..8 bytes. */
    private static long parseTimestamp(String text) {
        byte[] bytes;
        try {
            bytes = Base64Url.decodeCanonical(text);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (bytes.length > 8 || (bytes.length == 8 && bytes[0] < 0)) {
            return -1;
        }
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    private static byte[] deriveKey(SecretKey key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(DERIVATION_PREFIX);
            return sha1.digest(key.bytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no SHA-1, which every JDK must have", e);
        }
    }

    private Mac mac(int keyIndex) {
        if (cloneable) {
            try {
                return (Mac) prototypes[keyIndex].clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("The HMAC provider stopped supporting clone()", e);
            }
        }
        return newMac(hmacKeys[keyIndex]);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no HmacSHA1, which every JDK must have", e);
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
}
