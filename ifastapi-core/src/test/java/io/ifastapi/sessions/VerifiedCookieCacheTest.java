package io.ifastapi.sessions;

import io.ifastapi.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.ifastapi.sessions.Codecs.KEY;
import static io.ifastapi.sessions.Codecs.NOW;
import static io.ifastapi.sessions.Codecs.OLD_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cookie decoded a second time, from the codecs' cache of recently verified cookies, answers as the first
 * verification did: same session, issue time and key, its age checked again, a map of its own; and a cookie that
 * only looks like a cached one (same hash, same slot) is verified in full.
 */
class VerifiedCookieCacheTest {

    static Stream<Named<Codecs.Factory>> codecs() {
        return Codecs.both();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aSecondDecodeAnswersAsTheFirst(Codecs.Factory codecs) {
        SessionCodec codec = codecs.now(KEY);
        String cookie = codec.encode(Map.of("user", "ada", "n", 1));

        DecodeResult first = codec.decode(cookie);
        DecodeResult second = codec.decode(cookie);

        assertThat(second).isEqualTo(first);
        assertThat(second.status()).isEqualTo(DecodeStatus.VALID);
        assertThat(second.session()).containsOnly(Map.entry("user", "ada"), Map.entry("n", 1));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyDecodeGetsAMapOfItsOwn(Codecs.Factory codecs) {
        SessionCodec codec = codecs.now(KEY);
        String cookie = codec.encode(Map.of("cart", List.of("apple")));

        DecodeResult first = codec.decode(cookie);
        first.session().put("user", "mallory");
        @SuppressWarnings("unchecked")
        List<Object> cart = (List<Object>) first.session().get("cart");
        cart.add("pear");

        assertThat(codec.decode(cookie).session()).containsExactly(Map.entry("cart", List.of("apple")));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void theAgeIsCheckedAgainOnEveryDecode(Codecs.Factory codecs) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
        SessionCodec codec = codecs.apply(List.of(KEY), clock);
        String cookie = codec.encode(Map.of("user", "ada"));
        assertThat(codec.decode(cookie).status()).isEqualTo(DecodeStatus.VALID);

        clock.advance(Duration.ofDays(14).plusSeconds(1));
        DecodeResult expired = codec.decode(cookie);
        assertThat(expired.status()).isEqualTo(DecodeStatus.EXPIRED);
        assertThat(expired.session()).isEmpty();
        assertThat(expired.issuedAt()).isEqualTo(Instant.ofEpochSecond(NOW));

        clock.set(Instant.ofEpochSecond(NOW - 60)); // the clock went back: the cookie is from the future
        assertThat(codec.decode(cookie).status()).isEqualTo(DecodeStatus.FUTURE_TIMESTAMP);

        clock.set(Instant.ofEpochSecond(NOW + 1));
        assertThat(codec.decode(cookie).status()).isEqualTo(DecodeStatus.VALID);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aCookieOfAnOldKeyStillSaysSoWhenCached(Codecs.Factory codecs) {
        String old = codecs.now(OLD_KEY).encode(Map.of("user", "ada"));
        SessionCodec rotated = codecs.now(KEY, OLD_KEY);

        assertThat(rotated.decode(old).signedWithOldKey()).isTrue();
        assertThat(rotated.decode(old).signedWithOldKey()).isTrue();
        assertThat(rotated.decode(old).keyIndex()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aForgeryWithTheSameHashIsVerifiedInFull(Codecs.Factory codecs) {
        SessionCodec codec = codecs.now(KEY);
        String cookie = codec.encode(Map.of("user", "ada", "role", "user"));
        assertThat(codec.decode(cookie).isValid()).isTrue(); // now cached

        String forged = sameHashOtherText(cookie);
        assertThat(forged.hashCode()).isEqualTo(cookie.hashCode());
        assertThat(forged).isNotEqualTo(cookie).hasSameSizeAs(cookie);

        DecodeResult result = codec.decode(forged);
        assertThat(result.isValid()).isFalse();
        assertThat(result.session()).isEmpty();
        assertThat(codec.decode(cookie).isValid()).isTrue();
    }

    @Test
    void onlyAcceptedCookiesAreKept() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
        SignedCookieCodec codec = new SignedCookieCodec(List.of(KEY), Duration.ofDays(14), clock);
        String cookie = codec.encode(Map.of("user", "ada"));
        clock.advance(Duration.ofDays(15));
        assertThat(codec.decode(cookie).status()).isEqualTo(DecodeStatus.EXPIRED); // verified, refused, not kept

        clock.set(Instant.ofEpochSecond(NOW));
        assertThat(codec.decode(cookie).status()).isEqualTo(DecodeStatus.VALID);
    }

    /**
     * Another text with the same String.hashCode: two neighbouring characters changed so that 31 * a + b stays the
     * same (a + 1, b - 31), picked where both stay printable.
     */
    private static String sameHashOtherText(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if (a + 1 <= '~' && b - 31 >= '!') {
                return text.substring(0, i) + (char) (a + 1) + (char) (b - 31) + text.substring(i + 2);
            }
        }
        throw new IllegalStateException("no pair of characters to change in " + text);
    }
}
