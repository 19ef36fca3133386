package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The first key signs (or encrypts), every key verifies, and the result says when an old key did. */
class KeyRotationTest {

    static Stream<Named<Codecs.Factory>> codecs() {
        return Codecs.both();
    }

    private static final Map<String, Object> SESSION = Map.of("user_id", 7);

    @ParameterizedTest
    @MethodSource("codecs")
    void aCookieFromTheOldKeyVerifiesAfterRotationAndSaysSo(Codecs.Factory factory) {
        String oldCookie = factory.now(Codecs.OLD_KEY).encode(SESSION);

        DecodeResult result = factory.now(Codecs.KEY, Codecs.OLD_KEY).decode(oldCookie);

        assertThat(result.status()).isEqualTo(DecodeStatus.VALID);
        assertThat(result.session()).isEqualTo(SESSION);
        assertThat(result.keyIndex()).isEqualTo(1);
        assertThat(result.signedWithOldKey()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void theFirstKeySignsAndIsNotReportedAsOld(Codecs.Factory factory) {
        SessionCodec rotated = factory.now(Codecs.KEY, Codecs.OLD_KEY);
        String cookie = rotated.encode(SESSION);

        DecodeResult result = rotated.decode(cookie);
        assertThat(result.keyIndex()).isZero();
        assertThat(result.signedWithOldKey()).isFalse();
        assertThat(factory.now(Codecs.KEY).decode(cookie).isValid()).isTrue();
        assertThat(factory.now(Codecs.OLD_KEY).decode(cookie).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aCookieFromAnUnknownKeyFails(Codecs.Factory factory) {
        String cookie = factory.now(Codecs.OTHER_KEY).encode(SESSION);

        DecodeResult result = factory.now(Codecs.KEY, Codecs.OLD_KEY).decode(cookie);

        assertThat(result.status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
        assertThat(result.session()).isEmpty();
        assertThat(result.keyIndex()).isEqualTo(-1);
        assertThat(result.signedWithOldKey()).isFalse();
        assertThat(result.issuedAt()).isNull();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void anExpiredCookieStillSaysWhichKeyAndWhen(Codecs.Factory factory) {
        String cookie = factory.now(Codecs.OLD_KEY).encode(SESSION);
        SessionCodec later = factory.apply(java.util.List.of(Codecs.KEY, Codecs.OLD_KEY),
                Codecs.at(Codecs.NOW + 14 * 86_400 + 1));

        DecodeResult result = later.decode(cookie);

        assertThat(result.status()).isEqualTo(DecodeStatus.EXPIRED);
        assertThat(result.session()).isEmpty();
        assertThat(result.keyIndex()).isEqualTo(1);
        assertThat(result.issuedAt().getEpochSecond()).isEqualTo(Codecs.NOW);
    }
}
