package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EncryptedCookieCodecTest {

    private static final Map<String, Object> SESSION = Map.of("secret", "only the server may read this");
    private final EncryptedCookieCodec codec =
            new EncryptedCookieCodec(List.of(Codecs.KEY), Duration.ofDays(14), Codecs.at(Codecs.NOW));

    /** Decrypts as the class comment documents the format, independently of the codec's own decode. */
    private static byte[] decryptAsDocumented(String cookie, SecretKey secret) throws Exception {
        byte[] bytes = Base64.getUrlDecoder().decode(cookie);
        byte[] key = Hkdf.derive("ifastapi.EncryptedCookieCodec".getBytes(StandardCharsets.US_ASCII), secret.bytes(),
                "ifastapi session cookie v1".getBytes(StandardCharsets.US_ASCII), 32);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(bytes, 1, 13)));
        cipher.updateAAD(new byte[] {bytes[0]});
        return cipher.doFinal(bytes, 13, bytes.length - 13);
    }

    @Test
    void theCookieHasTheDocumentedFormat() throws Exception {
        String cookie = codec.encode(SESSION);
        assertThat(cookie).matches("[A-Za-z0-9_-]+");
        byte[] bytes = Base64.getUrlDecoder().decode(cookie);
        String json = PythonJson.dumps(SESSION);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes).hasSize(1 + 12 + 8 + json.length() + 16);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("only the server");

        ByteBuffer plaintext = ByteBuffer.wrap(decryptAsDocumented(cookie, Codecs.KEY));
        assertThat(plaintext.getLong()).isEqualTo(Codecs.NOW);
        assertThat(StandardCharsets.UTF_8.decode(plaintext).toString()).isEqualTo(json);
    }

    /** Encrypts any plaintext as the class comment documents the format. */
    private static String encryptAsDocumented(byte[] plaintext, SecretKey secret) throws Exception {
        byte[] key = Hkdf.derive("ifastapi.EncryptedCookieCodec".getBytes(StandardCharsets.US_ASCII), secret.bytes(),
                "ifastapi session cookie v1".getBytes(StandardCharsets.US_ASCII), 32);
        byte[] nonce = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(new byte[] {1});
        byte[] sealed = cipher.doFinal(plaintext);
        return Base64Url.encode(ByteBuffer.allocate(13 + sealed.length).put((byte) 1).put(nonce).put(sealed).array());
    }

    private static byte[] plaintext(long issuedAt, byte[] json) {
        return ByteBuffer.allocate(8 + json.length).putLong(issuedAt).put(json).array();
    }

    @Test
    void aCookieWrittenFromTheDocumentationIsRead() throws Exception {
        String cookie = encryptAsDocumented(plaintext(Codecs.NOW, "{\"a\": [1]}".getBytes(StandardCharsets.US_ASCII)),
                Codecs.KEY);
        DecodeResult result = codec.decode(cookie);
        assertThat(result.status()).isEqualTo(DecodeStatus.VALID);
        assertThat(result.session()).isEqualTo(Map.of("a", List.of(1)));
    }

    @Test
    void authenticButUnusablePlaintextsAreMalformed() throws Exception {
        byte[] notAnObject = "[1]".getBytes(StandardCharsets.US_ASCII);
        byte[] notUtf8 = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};
        byte[] object = "{}".getBytes(StandardCharsets.US_ASCII);
        for (byte[] plaintext : List.of(plaintext(Codecs.NOW, notAnObject), plaintext(Codecs.NOW, notUtf8),
                plaintext(-1, object), plaintext(Long.MAX_VALUE, object))) {
            DecodeResult result = new EncryptedCookieCodec(List.of(Codecs.KEY), null, Codecs.at(Codecs.NOW))
                    .decode(encryptAsDocumented(plaintext, Codecs.KEY));
            assertThat(result.status()).isEqualTo(DecodeStatus.MALFORMED);
            assertThat(result.session()).isEmpty();
        }
    }

    @Test
    void everyCookieHasAFreshNonce() {
        String first = codec.encode(SESSION);
        String second = codec.encode(SESSION);
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOfRange(Base64.getUrlDecoder().decode(first), 1, 13))
                .isNotEqualTo(Arrays.copyOfRange(Base64.getUrlDecoder().decode(second), 1, 13));
        assertThat(codec.decode(first).session()).isEqualTo(SESSION);
        assertThat(codec.decode(second).session()).isEqualTo(SESSION);
    }

    @Test
    void anotherVersionByteIsMalformedAndAChangedNonceFailsTheTag() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(SESSION));
        bytes[0] = 2;
        assertThat(codec.decode(Base64Url.encode(bytes)).status()).isEqualTo(DecodeStatus.MALFORMED);
        bytes[0] = 1;
        bytes[5] ^= 1;
        assertThat(codec.decode(Base64Url.encode(bytes)).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
        bytes[5] ^= 1;
        bytes[bytes.length - 1] ^= (byte) 0x80;
        assertThat(codec.decode(Base64Url.encode(bytes)).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
    }

    @Test
    void tooShortToHoldNonceTimestampAndTagIsMalformed() {
        assertThat(codec.decode(Base64Url.encode(new byte[36])).status()).isEqualTo(DecodeStatus.MALFORMED);
        byte[] minimal = new byte[37];
        minimal[0] = 1;
        assertThat(codec.decode(Base64Url.encode(minimal)).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
    }

    @Test
    void ageIsCheckedLikeTheSignedCodec() {
        String cookie = codec.encode(SESSION);
        Duration fourteenDays = Duration.ofDays(14);
        long maxAge = fourteenDays.toSeconds();
        assertThat(decodeAt(cookie, Codecs.NOW + maxAge, fourteenDays).status()).isEqualTo(DecodeStatus.VALID);
        assertThat(decodeAt(cookie, Codecs.NOW + maxAge + 1, fourteenDays).status()).isEqualTo(DecodeStatus.EXPIRED);
        assertThat(decodeAt(cookie, Codecs.NOW - 1, fourteenDays).status()).isEqualTo(DecodeStatus.FUTURE_TIMESTAMP);
        assertThat(decodeAt(cookie, Codecs.NOW + 10 * maxAge, null).status()).isEqualTo(DecodeStatus.VALID);
    }

    private static DecodeResult decodeAt(String cookie, long now, Duration maxAge) {
        return new EncryptedCookieCodec(List.of(Codecs.KEY), maxAge, Codecs.at(now)).decode(cookie);
    }

    @Test
    void theSameSecretGivesUnrelatedKeysToTheTwoCodecs() throws Exception {
        // Domain separation: the AES key is not the itsdangerous HMAC key nor the raw secret.
        byte[] aesKey = Hkdf.derive("ifastapi.EncryptedCookieCodec".getBytes(StandardCharsets.US_ASCII),
                Codecs.KEY.bytes(), "ifastapi session cookie v1".getBytes(StandardCharsets.US_ASCII), 32);
        assertThat(aesKey).isNotEqualTo(Arrays.copyOf(Codecs.KEY.bytes(), 32));
        assertThatThrownBy(() -> decryptAsDocumented(codec.encode(SESSION), Codecs.OTHER_KEY))
                .isInstanceOf(javax.crypto.AEADBadTagException.class);
    }

    @Test
    void constructorChecksItsArguments() {
        assertThatThrownBy(() -> new EncryptedCookieCodec(List.of(), null, Codecs.at(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EncryptedCookieCodec.of(Codecs.KEY).maxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(SignedCookieCodec.of(Codecs.KEY).maxAge()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void aNegativeMaxAgeRefusesEveryCookieAsItsdangerousDoes() {
        Duration minusOne = Duration.ofSeconds(-1); // Starlette's max_age=-1
        List<SecretKey> keys = List.of(Codecs.KEY);
        for (SessionCodec codec : List.of(new EncryptedCookieCodec(keys, minusOne, Codecs.at(Codecs.NOW)),
                new SignedCookieCodec(keys, minusOne, Codecs.at(Codecs.NOW)))) {
            DecodeResult justIssued = codec.decode(codec.encode(SESSION));

            assertThat(justIssued.status()).as(codec.getClass().getSimpleName()).isEqualTo(DecodeStatus.EXPIRED);
            assertThat(justIssued.session()).isEmpty();
        }
    }
}
