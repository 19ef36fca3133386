package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any change to a cookie must give an empty session, with a status saying it is not VALID, and never an
 * exception. Run against both codecs.
 */
class CodecTamperingTest {

    private static final String REPLACEMENTS = "Aa09-_+/=.! %\u00e9\u0000\"";

    static java.util.stream.Stream<org.junit.jupiter.api.Named<Codecs.Factory>> codecs() {
        return Codecs.both();
    }

    private static Map<String, Object> sampleSession() {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user_id", 42);
        session.put("name", "Zo\u00eb \uD83D\uDE00");
        session.put("cart", List.of(Map.of("sku", "A-1", "qty", 2)));
        return session;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everySingleCharacterChangeIsRefused(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        String cookie = codec.encode(sampleSession());
        assertThat(codec.decode(cookie).isValid()).isTrue();

        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (int i = 0; i < cookie.length(); i++) {
            char original = cookie.charAt(i);
            StringBuilder candidates = new StringBuilder(REPLACEMENTS).append((char) (original + 1))
                    .append((char) (original - 1));
            for (int r = 0; r < candidates.length(); r++) {
                char replacement = candidates.charAt(r);
                if (replacement == original) {
                    continue;
                }
                String tampered = cookie.substring(0, i) + replacement + cookie.substring(i + 1);
                tried++;
                if (!refused(codec, tampered)) {
                    accepted.add(tampered);
                }
            }
        }
        assertThat(tried).isGreaterThan(cookie.length() * 10);
        assertThat(accepted).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyTruncationAndExtensionIsRefused(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        String cookie = codec.encode(sampleSession());
        List<String> accepted = new ArrayList<>();
        for (int length = 0; length < cookie.length(); length++) {
            if (!refused(codec, cookie.substring(0, length))) {
                accepted.add(cookie.substring(0, length));
            }
            if (!refused(codec, cookie.substring(cookie.length() - length))) {
                accepted.add(cookie.substring(cookie.length() - length));
            }
        }
        for (String extra : List.of("A", "a", "0", "=", "==", ".", "..", ".A", "AAAA", "-", "_", " ", "\u0000",
                cookie)) {
            for (String extended : List.of(cookie + extra, extra + cookie, cookie + "." + extra)) {
                if (!refused(codec, extended)) {
                    accepted.add(extended);
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void randomMultiCharacterDamageIsRefused(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        String cookie = codec.encode(sampleSession());
        Random random = new Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=.";
        for (int n = 0; n < 3000; n++) {
            char[] chars = cookie.toCharArray();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String damaged = new String(chars);
            if (!damaged.equals(cookie)) {
                assertThat(refused(codec, damaged)).as(damaged).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void garbageOfAnyShapeOrSizeNeverThrows(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        assertThat(codec.decode(null).status()).isEqualTo(DecodeStatus.MISSING);
        assertThat(codec.decode("").status()).isEqualTo(DecodeStatus.MISSING);
        assertThat(codec.decode("null").status()).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(codec.decode("x".repeat(10_000_000)).status()).isEqualTo(DecodeStatus.MALFORMED);
        String valid = codec.encode(Map.of("k", "v"));
        assertThat(codec.decode(valid.repeat(2000)).status()).isEqualTo(DecodeStatus.MALFORMED);
        Random random = new Random(11);
        for (int n = 0; n < 5000; n++) {
            StringBuilder garbage = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                garbage.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000)
                        : "AZaz09-_+/=.".charAt(random.nextInt(12)));
            }
            assertThat(refused(codec, garbage.toString())).as(garbage.toString()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aCookieFromTheOtherCodecIsRefused(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        for (var other : Codecs.both().toList()) {
            SessionCodec otherCodec = other.getPayload().now(Codecs.KEY);
            if (otherCodec.getClass() != codec.getClass()) {
                assertThat(refused(codec, otherCodec.encode(sampleSession()))).isTrue();
            }
        }
    }

    /** True when the cookie gave an empty session and a non-VALID status (an exception fails the test). */
    private static boolean refused(SessionCodec codec, String cookie) {
        DecodeResult result = codec.decode(cookie);
        return !result.isValid() && result.session().isEmpty() && result.payloadJson() == null;
    }
}
