package io.ifastapi.sessions;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starlette's session cookie, byte for byte: readable (base64, not encrypted) and signed.
 *
 * <p>Format (Starlette 0.26 {@code middleware/sessions.py}: {@code b64encode(json.dumps(session).encode("utf-8"))}
 * signed by itsdangerous' {@code TimestampSigner(str(secret_key))}):
 * <pre>
 *   cookie = base64std_padded(utf8(json.dumps(session))) "." base64url_nopad(timestamp) "." base64url_nopad(hmac)
 * </pre>
 * See {@link TimestampSigner} for the timestamp and the signature, {@link PythonJson} for the JSON. A cookie minted
 * here is accepted by a Starlette app with the same secret key and vice versa, so the two can share users during a
 * migration.
 *
 * <p>Stricter than Starlette on input nobody mints: the payload must be standard base64 (Python's decoder skips
 * stray characters) and the signature must be the canonical text (Python ignores unused base64 bits), so that any
 * change to a cookie is refused. Anything that passes the signature but is not a JSON object, which Starlette would
 * answer with a 500, is {@link DecodeStatus#MALFORMED} here.
 *
 * <p>A cookie verified recently is not verified again: its JSON, issue time and key are remembered (a bounded
 * {@link VerifiedCookieCache}) and its age is checked on every request.
 */
public final class SignedCookieCodec implements SessionCodec {

    /** Starlette's default {@code max_age}: 14 days. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);

    private final TimestampSigner signer;
    private final Duration maxAge;
    private final Clock clock;
    private final VerifiedCookieCache verified = new VerifiedCookieCache();

    /**
     * @param keys the secret keys, current first: the first signs, all verify (rotation)
     * @param maxAge cookies older than this are refused; null for no limit (Starlette's {@code max_age=None});
     *     negative to refuse every cookie (Starlette's {@code max_age=-1})
     * @param clock "now", for the timestamp written and the age checks
     */
    public SignedCookieCodec(List<SecretKey> keys, Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.signer = new TimestampSigner(keys, clock);
    }

    /** One key, Starlette's 14-day max age, the system clock. */
    public static SignedCookieCodec of(SecretKey key) {
        return new SignedCookieCodec(List.of(key), DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    @Override
    public String encode(Map<String, ?> session) {
        Objects.requireNonNull(session, "session");
        return encodeJson(PythonJson.dumps(session));
    }

    /** {@link #encode} of a session whose {@link PythonJson#dumps} is {@code json} (the middleware has it already). */
    String encodeJson(String json) {
        return signer.sign(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
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
        int payloadEnd = payloadEnd(cookieValue);
        if (payloadEnd <= 0 || !Base64Url.isStandardAlphabet(cookieValue, 0, payloadEnd)) {
            return DecodeResult.invalid(DecodeStatus.MALFORMED); // the signer checks the timestamp and signature
        }
        TimestampSigner.Unsigned unsigned = signer.unsign(cookieValue, maxAge);
        return switch (unsigned.status()) {
            case VALID -> verified.remember(cookieValue, readPayload(unsigned));
            case EXPIRED, FUTURE_TIMESTAMP ->
                    DecodeResult.refusedForAge(unsigned.status(), unsigned.issuedAt(), unsigned.keyIndex());
            default -> DecodeResult.invalid(unsigned.status());
        };
    }

    /** The max age this codec enforces; null when there is none. */
    public Duration maxAge() {
        return maxAge;
    }

    /**
     * The JSON inside a cookie, read WITHOUT verifying the signature, like itsdangerous' {@code load_unsafe}: only
     * for showing a developer what a refused cookie claims (the CLI labels it UNVERIFIED). Null when the cookie has
     * no readable payload.
     */
    public static String unverifiedPayloadJson(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > MAX_COOKIE_CHARS) {
            return null;
        }
        int payloadEnd = payloadEnd(cookieValue);
        if (payloadEnd <= 0) {
            return null;
        }
        try {
            return StrictUtf8.decode(Base64.getDecoder().decode(cookieValue.substring(0, payloadEnd)));
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /** Where the payload ends: the second separator from the end; -1 when there are fewer than two. */
    private static int payloadEnd(String cookieValue) {
        int sigDot = cookieValue.lastIndexOf(TimestampSigner.SEPARATOR);
        return cookieValue.lastIndexOf(TimestampSigner.SEPARATOR, sigDot - 1);
    }

    private static DecodeResult readPayload(TimestampSigner.Unsigned unsigned) {
        try {
            String json = StrictUtf8.decode(Base64.getDecoder().decode(unsigned.value()));
            return DecodeResult.valid(PythonJson.parse(json), unsigned.issuedAt(), unsigned.keyIndex(), json);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // Authentic but unreadable (MalformedJsonException is an IllegalArgumentException): only a buggy or
            // foreign signer holding our key makes such a cookie.
            return DecodeResult.invalid(DecodeStatus.MALFORMED);
        }
    }
}
