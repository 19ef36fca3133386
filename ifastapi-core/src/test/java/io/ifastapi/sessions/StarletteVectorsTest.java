package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Cookies minted by the real Starlette SessionMiddleware with a frozen clock (the test resource
 * {@value #RESOURCE}, made by {@code scripts/starlette-vectors.py}; its {@code generator} field names the Starlette
 * and itsdangerous releases): we must read each one to the same session, and mint the identical cookie for the same
 * session, key and time.
 */
class StarletteVectorsTest {

    static final String RESOURCE = "/vectors/starlette-session-cookies.json";
    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** What each refused vector must report; a new vector without an entry here fails the test. */
    private static final Map<String, DecodeStatus> EXPECTED_STATUS = Map.ofEntries(
            Map.entry("flipped signature char", DecodeStatus.BAD_SIGNATURE),
            Map.entry("wrong secret key", DecodeStatus.BAD_SIGNATURE),
            Map.entry("expired: 15 days later with 14-day max_age", DecodeStatus.EXPIRED),
            Map.entry("not expired: 13 days later", DecodeStatus.VALID),
            Map.entry("payload altered, signature kept", DecodeStatus.BAD_SIGNATURE),
            Map.entry("no separators", DecodeStatus.MALFORMED),
            Map.entry("empty value", DecodeStatus.MISSING),
            Map.entry("only dots", DecodeStatus.MALFORMED),
            Map.entry("timestamp not base64", DecodeStatus.MALFORMED),
            Map.entry("signature truncated", DecodeStatus.BAD_SIGNATURE),
            Map.entry("literal null (what a cleared cookie holds)", DecodeStatus.MALFORMED));

    static JsonNode vectors() throws IOException {
        try (InputStream in = StarletteVectorsTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("test resource %s (re-mint it: scripts/README.md)", RESOURCE).isNotNull();
            return JACKSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Map<String, Object> session(JsonNode node) {
        return JACKSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    static Clock frozenAt(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /** What Starlette's SessionMiddleware writes with its defaults; the middleware, not the codec, owns it. */
    private static String setCookieHeader(String cookie) {
        return "session=" + cookie + "; path=/; Max-Age=1209600; httponly; samesite=lax";
    }

    @Test
    void theVectorFileHoldsWhatTheBriefSays() throws IOException {
        JsonNode vectors = vectors();
        assertThat(vectors.get("valid")).hasSize(24);
        assertThat(vectors.get("invalid")).hasSize(11);
    }

    @TestFactory
    Stream<DynamicTest> starletteCookiesDecodeAndEncodeIdentically() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode vector : vectors().get("valid")) {
            String secret = vector.get("secret_key").asText();
            String name = "valid #" + index++ + " key " + secret.substring(0, 6) + "... "
                    + abbreviate(vector.get("session").toString());
            tests.add(dynamicTest(name, () -> checkValid(vector)));
        }
        return tests.stream();
    }

    private static void checkValid(JsonNode vector) {
        long timestamp = vector.get("timestamp").asLong();
        String cookie = vector.get("cookie").asText();
        Map<String, Object> expected = session(vector.get("session"));
        SignedCookieCodec codec = new SignedCookieCodec(List.of(SecretKey.of(vector.get("secret_key").asText())),
                SignedCookieCodec.DEFAULT_MAX_AGE, frozenAt(timestamp));

        DecodeResult decoded = codec.decode(cookie);
        assertThat(decoded.status()).isEqualTo(DecodeStatus.VALID);
        assertThat(decoded.session()).isEqualTo(expected);
        assertThat(decoded.session().keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(decoded.issuedAt()).isEqualTo(Instant.ofEpochSecond(timestamp));
        assertThat(decoded.signedWithOldKey()).isFalse();
        String pythonJson = new String(Base64.getDecoder().decode(cookie.substring(0, cookie.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(decoded.payloadJson()).isEqualTo(pythonJson);
        assertThat(PythonJson.dumps(expected)).isEqualTo(pythonJson);

        String encoded = codec.encode(expected);
        assertThat(encoded).isEqualTo(cookie);
        assertThat(setCookieHeader(encoded)).isEqualTo(vector.get("set_cookie_header").asText());
    }

    @TestFactory
    Stream<DynamicTest> cookiesStarletteRefusedAreRefused() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors().get("invalid")) {
            String name = vector.get("name").asText();
            tests.add(dynamicTest(name, () -> checkInvalid(name, vector)));
        }
        return tests.stream();
    }

    private static void checkInvalid(String name, JsonNode vector) {
        assertThat(EXPECTED_STATUS).as("expected status for vector '%s'", name).containsKey(name);
        Map<String, Object> starlette = session(vector.get("starlette_session"));
        SignedCookieCodec codec = new SignedCookieCodec(List.of(SecretKey.of(vector.get("secret_key").asText())),
                Duration.ofSeconds(vector.get("max_age").asLong()), frozenAt(vector.get("now").asLong()));

        DecodeResult decoded = codec.decode(vector.get("cookie").asText());

        assertThat(decoded.session()).isEqualTo(starlette);
        assertThat(decoded.status()).isEqualTo(EXPECTED_STATUS.get(name));
        assertThat(decoded.isValid()).isEqualTo(!starlette.isEmpty());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
