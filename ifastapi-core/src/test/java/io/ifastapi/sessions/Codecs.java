package io.ifastapi.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Both codecs, built the same way, for tests that every codec must pass. */
final class Codecs {

    static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z, the vectors' time
    static final SecretKey KEY = SecretKey.of("k".repeat(64));
    static final SecretKey OLD_KEY = SecretKey.of("o".repeat(64));
    static final SecretKey OTHER_KEY = SecretKey.of("z".repeat(64));

    private Codecs() {
    }

    static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /** A codec factory: (keys, clock) -> codec with Starlette's 14-day max age. */
    interface Factory extends BiFunction<List<SecretKey>, Clock, SessionCodec> {

        default SessionCodec now(SecretKey... keys) {
            return apply(List.of(keys), at(NOW));
        }
    }

    static Stream<Named<Factory>> both() {
        Factory signed = (keys, clock) -> new SignedCookieCodec(keys, Duration.ofDays(14), clock);
        Factory encrypted = (keys, clock) -> new EncryptedCookieCodec(keys, Duration.ofDays(14), clock);
        return Stream.of(Named.of("signed", signed), Named.of("encrypted", encrypted));
    }
}
