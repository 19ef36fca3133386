package io.ifastapi.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret that signs (or encrypts) session cookies. Opaque on purpose: {@link #toString()} never shows it, so
 * a key that ends up in a log line or an exception message does not leak.
 *
 * <p>Starlette passes its {@code secret_key} string to itsdangerous, which uses the string's UTF-8 bytes; so
 * {@link #of(String)} uses UTF-8 too, and the same string gives the same key in both frameworks.
 *
 * <p>Weak keys (under {@value #RECOMMENDED_BYTES} bytes) are accepted, because existing Starlette deployments use
 * them and refusing them would lock those users out, but every factory except {@link #generate()} logs one SLF4J
 * warning when it creates one. The warning lives here rather than in the middleware so that no caller can forget
 * it.
 */
public final class SecretKey {

    /** 32 bytes = 256 bits, what {@code secrets.token_hex(32)} and {@link #generate()} give. */
    public static final int RECOMMENDED_BYTES = 32;

    private static final String HOW_TO_GENERATE =
            "Generate one with:  java -jar ifastapi-cli.jar secret   "
                    + "(or: python3 -c 'import secrets; print(secrets.token_hex(32))')";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private SecretKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key whose bytes are the UTF-8 encoding of {@code key}, as Starlette/itsdangerous use a str key. */
    public static SecretKey of(String key) {
        if (key == null) {
            throw new InvalidSecretKeyException("The secret key is null. " + HOW_TO_GENERATE);
        }
        if (key.isBlank()) {
            throw new InvalidSecretKeyException("The secret key is empty or blank: anyone could forge sessions "
                    + "with it. " + HOW_TO_GENERATE);
        }
        return warnIfWeak(new SecretKey(key.getBytes(StandardCharsets.UTF_8)), "The secret key");
    }

    /** The key made of these raw bytes (copied). Not reachable from Starlette, whose key is always a str. */
    public static SecretKey ofBytes(byte[] key) {
        if (key == null || key.length == 0) {
            throw new InvalidSecretKeyException("The secret key is empty: anyone could forge sessions with it. "
                    + HOW_TO_GENERATE);
        }
        return warnIfWeak(new SecretKey(key.clone()), "The secret key");
    }

    /**
     * A fresh random key: {@link #generateHex()} used as a string key, so it can be printed, put in an environment
     * variable and read back with {@link #fromEnv(String)} (or by a Python app) to the very same key.
     */
    public static SecretKey generate() {
        return new SecretKey(generateHex().getBytes(StandardCharsets.US_ASCII));
    }

    /** 32 bytes from {@link SecureRandom} as 64 lowercase hex digits, like Python's {@code secrets.token_hex(32)}. */
    public static String generateHex() {
        byte[] random = new byte[RECOMMENDED_BYTES];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The key in the environment variable {@code name}, read with {@link System#getenv(String)}. */
    public static SecretKey fromEnv(String name) {
        return fromEnv(name, System::getenv);
    }

    /**
     * The key in the variable {@code name} of {@code env} (a lookup, so tests need not touch the real
     * environment). The value is used as is, not trimmed, so that it stays the key a Python app reading the same
     * variable would use.
     *
     * @throws InvalidSecretKeyException when the variable is unset, empty or blank; the message names the variable
     *     and says how to make a key
     */
    public static SecretKey fromEnv(String name, Function<String, String> env) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(env, "env");
        String value = env.apply(name);
        String export = "  and export " + name + "=<that value>";
        if (value == null) {
            throw new InvalidSecretKeyException(name + " is not set. SessionMiddleware needs a secret key to sign "
                    + "cookies. " + HOW_TO_GENERATE + export);
        }
        if (value.isBlank()) {
            throw new InvalidSecretKeyException(name + " is set but " + (value.isEmpty() ? "empty" : "blank")
                    + ": anyone could forge sessions with it. " + HOW_TO_GENERATE + export);
        }
        return warnIfWeak(new SecretKey(value.getBytes(StandardCharsets.UTF_8)), name);
    }

    /** True when the key is shorter than {@value #RECOMMENDED_BYTES} bytes and so may be guessable. */
    public boolean isWeak() {
        return bytes.length < RECOMMENDED_BYTES;
    }

    /** The key's length in bytes. */
    public int length() {
        return bytes.length;
    }

    /**
     * A copy of the key's bytes. Public because key derivation also happens outside this package (a server-side
     * store signing session ids, the CLI); a copy because the caller must not be able to change a key that codecs
     * have already derived from. Codecs call it once, at construction, never per request.
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Constant-time comparison, so equality checks cannot be used as a timing oracle on the key. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    /** Only the length: a content hash would be a (weak) fingerprint of the key, and keys are rarely hashed. */
    @Override
    public int hashCode() {
        return Integer.hashCode(bytes.length);
    }

    @Override
    public String toString() {
        return "SecretKey[redacted, " + bytes.length + " bytes" + (isWeak() ? ", weak" : "") + "]";
    }

    private static SecretKey warnIfWeak(SecretKey key, String what) {
        if (key.isWeak()) {
            WarningLog.LOG.warn("{} is only {} bytes long; use at least {} random bytes or anyone who guesses it "
                    + "can forge sessions. {}", what, key.bytes.length, RECOMMENDED_BYTES, HOW_TO_GENERATE);
        }
        return key;
    }

    /** A holder, so SLF4J is only initialised when there is something to warn about (the CLI stays quiet). */
    private static final class WarningLog {
        static final Logger LOG = LoggerFactory.getLogger(SecretKey.class);
    }
}
