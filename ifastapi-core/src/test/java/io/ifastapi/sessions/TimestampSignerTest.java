package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampSignerTest {

    private static final Duration DAY = Duration.ofDays(1);
    private final TimestampSigner signer = new TimestampSigner(List.of(Codecs.KEY), Codecs.at(Codecs.NOW));

    /** The itsdangerous recipe, written out independently of the class under test. */
    private static String referenceSignature(String secret, String signed) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-1")
                .digest(("itsdangerous.Signer" + "signer" + secret).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        byte[] signature = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    @Test
    void signsAsItsdangerousDoes() throws Exception {
        String signed = signer.sign("payload");
        assertThat(signed).startsWith("payload.aVW5AA.");
        assertThat(signed).isEqualTo("payload.aVW5AA." + referenceSignature("k".repeat(64), "payload.aVW5AA"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1767225600, aVW5AA", "255, _w", "256, AQA", "1, AQ", "0, ''", "31556889864403199, cBzS-pV4_w"})
    void timestampsAreMinimalBigEndianBase64(long seconds, String expected) {
        String signed = signer.sign("v", seconds);
        assertThat(signed.substring(2, signed.lastIndexOf('.'))).isEqualTo(expected);
        TimestampSigner.Unsigned unsigned = signer.unsign(signed, null);
        assertThat(unsigned.status()).isEqualTo(DecodeStatus.VALID);
        assertThat(unsigned.issuedAt()).isEqualTo(Instant.ofEpochSecond(seconds));
        assertThat(unsigned.value()).isEqualTo("v");
    }

    @Test
    void onlyTimesAnInstantCanHoldCanBeSigned() {
        assertThatThrownBy(() -> signer.sign("v", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("v", Instant.MAX.getEpochSecond() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesMayHoldDotsAndUnicode() {
        for (String value : List.of("a.b.c", "h\u00e9llo \uD83D\uDE00", "", ".")) {
            TimestampSigner.Unsigned unsigned = signer.unsign(signer.sign(value), DAY);
            assertThat(unsigned.status()).isEqualTo(DecodeStatus.VALID);
            assertThat(unsigned.value()).isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "age {0}s, max age {1}s -> {2}")
    @CsvSource({
        "0, 0, VALID",
        "86400, 86400, VALID",
        "86401, 86400, EXPIRED",
        "-1, 86400, FUTURE_TIMESTAMP",
        "-86400, 86400, FUTURE_TIMESTAMP",
        "1, 0, EXPIRED"})
    void maxAgeFollowsItsdangerous(long age, long maxAge, DecodeStatus expected) {
        String signed = signer.sign("v", Codecs.NOW - age);
        TimestampSigner.Unsigned unsigned = signer.unsign(signed, Duration.ofSeconds(maxAge));
        assertThat(unsigned.status()).isEqualTo(expected);
        assertThat(unsigned.issuedAt()).isEqualTo(Instant.ofEpochSecond(Codecs.NOW - age));
        assertThat(unsigned.keyIndex()).isZero();
        assertThat(unsigned.value()).isEqualTo(expected == DecodeStatus.VALID ? "v" : null);
    }

    @Test
    void withoutMaxAgeNeitherAgeNorFutureIsChecked() {
        // itsdangerous only looks at the age when max_age is given, so Starlette with max_age=None accepts both.
        assertThat(signer.unsign(signer.sign("v", 1), null).status()).isEqualTo(DecodeStatus.VALID);
        assertThat(signer.unsign(signer.sign("v", Codecs.NOW + 3600), null).status()).isEqualTo(DecodeStatus.VALID);
    }

    @Test
    void fractionalMaxAgesCompareLikePython() {
        // Python: age (int) > max_age (float); 1 > 1.5 is false, 2 > 1.5 is true.
        Duration oneAndAHalf = Duration.ofMillis(1500);
        assertThat(signer.unsign(signer.sign("v", Codecs.NOW - 1), oneAndAHalf).status()).isEqualTo(DecodeStatus.VALID);
        assertThat(signer.unsign(signer.sign("v", Codecs.NOW - 2), oneAndAHalf).status())
                .isEqualTo(DecodeStatus.EXPIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nodots", "one.dot", "v.aVW5AA.", "v.aVW5A=.sig", "v.aVW5AA.s+g", "v.AAAAAAAAAAAA.sig",
        "v.aVW5AA.sig=", "v.aV W5AA.sig", ".", "..", "...", "v.aVW5AA.\u00e9"})
    void malformedValuesAreMalformed(String value) {
        TimestampSigner.Unsigned unsigned = signer.unsign(value, DAY);
        assertThat(unsigned.status()).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(unsigned.value()).isNull();
        assertThat(unsigned.issuedAt()).isNull();
        assertThat(unsigned.keyIndex()).isEqualTo(-1);
    }

    @Test
    void missingValuesAreMissing() {
        assertThat(signer.unsign(null, DAY).status()).isEqualTo(DecodeStatus.MISSING);
        assertThat(signer.unsign("", DAY).status()).isEqualTo(DecodeStatus.MISSING);
    }

    @Test
    void wrongSignaturesOfAnyLengthAreBadSignatures() {
        String signed = signer.sign("v");
        String signature = signed.substring(signed.lastIndexOf('.') + 1);
        assertThat(signature).hasSize(27);
        String prefix = signed.substring(0, signed.lastIndexOf('.') + 1);
        for (String wrong : List.of(signature + "A", signature.substring(1), "A", signature.replace(signature.charAt(0),
                signature.charAt(0) == 'A' ? 'B' : 'A'))) {
            assertThat(signer.unsign(prefix + wrong, DAY).status()).as(wrong).isEqualTo(DecodeStatus.BAD_SIGNATURE);
        }
    }

    @Test
    void aCorrectlySignedButUnreadableTimestampIsMalformed() throws Exception {
        String secret = "k".repeat(64);
        // A negative 8-byte value, Long.MAX_VALUE (beyond Instant.MAX), and a non-canonical encoding of
        // 1767225600 (unused bits set).
        for (String timestamp : List.of("gAAAAAAAAAA", "f_________8", "aVW5AB")) {
            String signed = "v." + timestamp;
            String value = signed + "." + referenceSignature(secret, signed);
            assertThat(signer.unsign(value, null).status()).as(timestamp).isEqualTo(DecodeStatus.MALFORMED);
        }
    }

    @Test
    void unverifiedTimestampReadsWhatAValueClaims() {
        assertThat(TimestampSigner.unverifiedTimestamp("anything.aVW5AA.forged"))
                .isEqualTo(Instant.ofEpochSecond(Codecs.NOW));
        assertThat(TimestampSigner.unverifiedTimestamp("no-dots")).isNull();
        assertThat(TimestampSigner.unverifiedTimestamp("v.!!!.sig")).isNull();
        assertThat(TimestampSigner.unverifiedTimestamp(null)).isNull();
    }

    @Test
    void constructorRefusesNoKeys() {
        assertThatThrownBy(() -> new TimestampSigner(List.of(), Codecs.at(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampSigner(null, Codecs.at(0))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TimestampSigner(List.of(Codecs.KEY), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void oneSignerServesManyVirtualThreadsAtOnce() throws Exception {
        TimestampSigner shared = new TimestampSigner(List.of(Codecs.KEY, Codecs.OLD_KEY), Codecs.at(Codecs.NOW));
        TimestampSigner old = new TimestampSigner(List.of(Codecs.OLD_KEY), Codecs.at(Codecs.NOW));
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String value = "value-" + i;
                TimestampSigner by = i % 2 == 0 ? shared : old;
                results.add(executor.submit(() -> {
                    TimestampSigner.Unsigned unsigned = shared.unsign(by.sign(value), DAY);
                    return unsigned.status() == DecodeStatus.VALID && value.equals(unsigned.value());
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }
}
