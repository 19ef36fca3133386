package io.ifastapi.sessions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SessionCodec#decode(String)} found in a cookie.
 *
 * @param session the session: when {@link #status()} is {@link DecodeStatus#VALID} the cookie's content, otherwise
 *     empty; always a new mutable map that the caller owns (the middleware hands it to the request)
 * @param status why the cookie was or was not accepted
 * @param issuedAt when the cookie was issued, once its authenticity is established (VALID, EXPIRED,
 *     FUTURE_TIMESTAMP); null otherwise, since an unauthenticated timestamp means nothing
 * @param keyIndex the position, in the codec's key list, of the key that verified the cookie; -1 when none did
 * @param payloadJson the exact JSON text the session was read from when VALID, else null. The middleware can
 *     compare it with {@link PythonJson#dumps(Map)} of the session at the end of the request to learn whether the
 *     session changed, nested changes included, without tracking mutations
 */
public record DecodeResult(
        Map<String, Object> session, DecodeStatus status, Instant issuedAt, int keyIndex, String payloadJson) {

    public DecodeResult {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(status, "status");
        if (status != DecodeStatus.VALID && !session.isEmpty()) {
            throw new IllegalArgumentException("A " + status + " result must carry an empty session");
        }
        if (status == DecodeStatus.VALID && (payloadJson == null || issuedAt == null || keyIndex < 0)) {
            throw new IllegalArgumentException("A VALID result needs its payload, issue time and key index");
        }
    }

    /** An accepted cookie. */
    public static DecodeResult valid(Map<String, Object> session, Instant issuedAt, int keyIndex,
            String payloadJson) {
        return new DecodeResult(session, DecodeStatus.VALID, issuedAt, keyIndex, payloadJson);
    }

    /** A refused cookie that could not be authenticated (no issue time, no key). */
    public static DecodeResult invalid(DecodeStatus status) {
        return new DecodeResult(new LinkedHashMap<>(), status, null, -1, null);
    }

    /** An authentic cookie refused for its age. */
    public static DecodeResult refusedForAge(DecodeStatus status, Instant issuedAt, int keyIndex) {
        return new DecodeResult(new LinkedHashMap<>(), status, issuedAt, keyIndex, null);
    }

    public boolean isValid() {
        return status == DecodeStatus.VALID;
    }

    /**
     * True when a key other than the first (current) one verified the cookie: the middleware should send the
     * session again, so that it is re-issued under the current key before the old one is retired.
     */
    public boolean signedWithOldKey() {
        return keyIndex > 0;
    }
}
