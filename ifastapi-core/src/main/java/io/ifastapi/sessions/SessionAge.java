package io.ifastapi.sessions;

import java.time.Clock;
import java.time.Duration;

/** The max-age rule shared by the codecs, in whole seconds as itsdangerous counts. */
final class SessionAge {

    private SessionAge() {
    }

    /** Seconds since the epoch, rounded down, like Python's {@code int(time.time())} (for times after 1970). */
    static long nowSeconds(Clock clock) {
        return Math.floorDiv(clock.millis(), 1000);
    }

    /**
     * True for issue times a cookie can hold: from 1970 (itsdangerous cannot write earlier ones) to the end of
     * {@link java.time.Instant}'s range, so that turning one into an Instant can never throw.
     */
    static boolean isValidIssueTime(long epochSeconds) {
        return epochSeconds >= 0 && epochSeconds <= java.time.Instant.MAX.getEpochSecond();
    }

    /**
     * itsdangerous 2.1 {@code TimestampSigner.unsign}: only when a max age is given, {@code age > max_age} is
     * expired and {@code age < 0} (issued in the future) is refused too; with no max age neither is checked.
     * Whole seconds suffice: for an integer age, {@code age > 1.5} and {@code age > 1} are the same test.
     * A negative max age (Starlette's {@code max_age=-1}) refuses every cookie, as in itsdangerous: one issued up to
     * now is older than it, one issued later is from the future.
     */
    static DecodeStatus check(long issuedAt, long now, Duration maxAge) {
        if (maxAge == null) {
            return DecodeStatus.VALID;
        }
        long age = now - issuedAt;
        if (age > maxAge.toSeconds()) {
            return DecodeStatus.EXPIRED;
        }
        return age < 0 ? DecodeStatus.FUTURE_TIMESTAMP : DecodeStatus.VALID;
    }
}
