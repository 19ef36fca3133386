package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedCookieCodecTest {

    private final SignedCookieCodec codec =
            new SignedCookieCodec(List.of(Codecs.KEY), Duration.ofDays(14), Codecs.at(Codecs.NOW));
    private final TimestampSigner signer = new TimestampSigner(List.of(Codecs.KEY), Codecs.at(Codecs.NOW));

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Authentic (signed with our key) but unusable payloads: Starlette would answer them with a 500; here they are
     * MALFORMED and an empty session.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"s\"", "null", "{", "{\"a\": 1} trailing", ""})
    void authenticPayloadsThatAreNotAJsonObjectAreMalformed(String json) {
        String cookie = signer.sign(b64(json.getBytes(StandardCharsets.UTF_8)));
        DecodeResult result = codec.decode(cookie);
        assertThat(result.status()).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(result.session()).isEmpty();
    }

    @Test
    void authenticPayloadsThatAreNotUtf8OrNotBase64AreMalformed() {
        assertThat(codec.decode(signer.sign(b64(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}))).status())
                .isEqualTo(DecodeStatus.MALFORMED);
        assertThat(codec.decode(signer.sign("abcde")).status()).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void utf8InsideTheJsonIsRead() {
        // json.dumps never writes raw non-ASCII, but json.loads reads it; so do we.
        String cookie = signer.sign(b64("{\"name\": \"Zo\u00eb\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(codec.decode(cookie).session()).isEqualTo(Map.of("name", "Zo\u00eb"));
    }

    @Test
    void payloadsOutsideStandardBase64AreMalformedBeforeAnySignatureWork() {
        String valid = codec.encode(Map.of("k", "v"));
        String urlSafePayload = valid.replaceFirst("^ey", "e-");
        assertThat(codec.decode(urlSafePayload).status()).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(codec.decode("." + valid.substring(valid.indexOf('.'))).status())
                .isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void unverifiedPayloadIsReadWithoutTheKey() {
        String cookie = new SignedCookieCodec(List.of(Codecs.OTHER_KEY), null, Codecs.at(Codecs.NOW))
                .encode(Map.of("user_id", 42));
        assertThat(codec.decode(cookie).status()).isEqualTo(DecodeStatus.BAD_SIGNATURE);
        assertThat(SignedCookieCodec.unverifiedPayloadJson(cookie)).isEqualTo("{\"user_id\": 42}");
        assertThat(SignedCookieCodec.unverifiedPayloadJson("garbage")).isNull();
        assertThat(SignedCookieCodec.unverifiedPayloadJson("!!!.aVW5AA.sig")).isNull();
        assertThat(SignedCookieCodec.unverifiedPayloadJson(null)).isNull();
    }

    @Test
    void aMaxAgeOfNoneAcceptsOldCookies() {
        String cookie = codec.encode(Map.of("k", "v"));
        SignedCookieCodec muchLater = new SignedCookieCodec(List.of(Codecs.KEY), null,
                Codecs.at(Codecs.NOW + 10L * 365 * 86_400));
        assertThat(muchLater.decode(cookie).status()).isEqualTo(DecodeStatus.VALID);
        assertThat(muchLater.maxAge()).isNull();
    }
}
