package io.ifastapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.sessions.EncryptedCookieCodec;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SignedCookieCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MainTest {

    /** The vectors' time, 2026-01-01T00:00:00Z, and a "real" clock a year later so 14-day cookies are expired. */
    private static final long VECTOR_TIME = 1_767_225_600L;
    private static final Clock A_YEAR_LATER =
            Clock.fixed(Instant.ofEpochSecond(VECTOR_TIME + 365 * 86_400), ZoneOffset.UTC);
    private static final String X_KEY = "x".repeat(64);

    private static JsonNode firstValid;
    private static JsonNode unicodeValid;

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void readVectors() throws IOException {
        // A test resource of ifastapi-core (its test-jar), minted by scripts/starlette-vectors.py.
        String resource = "/vectors/starlette-session-cookies.json";
        JsonNode vectors;
        try (InputStream in = MainTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s from ifastapi-core's test-jar", resource).isNotNull();
            vectors = new ObjectMapper().readTree(in);
        }
        firstValid = vectors.get("valid").get(0);
        unicodeValid = vectors.get("valid").get(3);
        assertThat(firstValid.get("secret_key").asText()).isEqualTo(X_KEY);
        assertThat(unicodeValid.get("secret_key").asText()).isEqualTo(X_KEY);
    }

    private static Run run(Function<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, A_YEAR_LATER);
        String nl = System.lineSeparator();
        return new Run(status, out.toString(StandardCharsets.UTF_8).replace(nl, "\n"),
                err.toString(StandardCharsets.UTF_8).replace(nl, "\n"));
    }

    private static Run run(String... args) {
        return run(name -> null, args);
    }

    private static String cookie() {
        return firstValid.get("cookie").asText();
    }

    @Test
    void secretPrintsAKeyAndNothingElse() {
        Run first = run("secret");
        Run second = run("secret");
        assertThat(first.status()).isZero();
        assertThat(first.out()).matches("[0-9a-f]{64}\n");
        assertThat(first.err()).isEmpty();
        assertThat(second.out()).isNotEqualTo(first.out());
        assertThat(SecretKey.of(first.out().strip()).isWeak()).isFalse();
    }

    @Test
    void secretRefusesArgumentsButHasHelp() {
        assertThat(run("secret", "extra").status()).isEqualTo(2);
        Run help = run("secret", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: ifastapi secret").contains("token_hex(32)");
    }

    @Test
    void helpAndUsageErrors() {
        Run help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: ifastapi <command>").contains("secret").contains("session decode");
        assertThat(help.err()).isEmpty();

        Run none = run();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("Usage: ifastapi <command>");

        Run unknown = run("frobnicate");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'frobnicate'").contains("--help");

        assertThat(run("session").status()).isEqualTo(2);
        assertThat(run("session", "encode").status()).isEqualTo(2);
        Run decodeHelp = run("session", "decode", "--help");
        assertThat(decodeHelp.status()).isZero();
        assertThat(decodeHelp.out()).contains("--secret-key").contains("--max-age").contains("--encrypted")
                .contains("--now").contains("Exit status: 0 valid, 1 invalid, 2 usage error");
    }

    @Test
    void decodeUsageErrors() {
        assertThat(run("session", "decode", "--secret-key", X_KEY).err()).contains("Which cookie?");
        assertThat(run("session", "decode", cookie(), "--secret-key").err()).contains("--secret-key needs a value");
        assertThat(run("session", "decode", cookie(), "--secret-key", X_KEY, "--max-age", "-5").err())
                .contains("--max-age takes whole seconds");
        assertThat(run("session", "decode", cookie(), "--secret-key", X_KEY, "--max-age", "soon").status())
                .isEqualTo(2);
        assertThat(run("session", "decode", cookie(), "--secret-key", X_KEY, "--now", "yesterday").err())
                .contains("--now takes epoch seconds or an ISO-8601 instant");
        assertThat(run("session", "decode", cookie(), "--secret-key", X_KEY, "--bogus").err())
                .contains("Unknown option --bogus");
        assertThat(run("session", "decode", cookie(), cookie(), "--secret-key", X_KEY).err())
                .contains("Only one cookie");
        assertThat(run("session", "decode", cookie(), "--secret-key", "  ").err()).contains("empty or blank");
    }

    @Test
    void withoutAKeyTheErrorSaysHowToMakeOne() {
        Run run = run("session", "decode", cookie());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("SECRET_KEY is not set").contains("java -jar ifastapi-cli.jar secret")
                .contains("--secret-key");
    }

    @Test
    void decodesAStarletteCookieWithTheKeyFromTheEnvironment() {
        Run run = run(Map.of("SECRET_KEY", X_KEY)::get, "session", "decode", cookie(), "--max-age", "none");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Status:    VALID")
                .contains("Format:    signed (Starlette / itsdangerous)")
                .contains("Signed at: 2026-01-01T00:00:00Z (epoch 1767225600)")
                .contains("Age:       365d (31536000 s)")
                .contains("Max age:   none")
                .contains("Key:       current key (1 of 1)")
                .contains("Session:\n{\n  \"key\": \"value\"\n}")
                .doesNotContain("UNVERIFIED");
    }

    @Test
    void decodesAtAGivenTimeWithTheDefaultMaxAge() {
        Run run = run("session", "decode", "--secret-key", X_KEY, "--now", "2026-01-14T00:00:00Z", cookie());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Status:    VALID").contains("Age:       13d (1123200 s)")
                .contains("Max age:   14d (1209600 s)").contains("Now:       2026-01-14T00:00:00Z (from --now)");
    }

    @Test
    void showsNonAsciiSessionsReadably() {
        Run run = run("session", "decode", unicodeValid.get("cookie").asText(), "--secret-key=" + X_KEY,
                "--max-age=none");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("\"name\": \"Zo\u00eb \u00c5ngstr\u00f6m\"").contains("\uD83D\uDE00");
    }

    @Test
    void anExpiredCookieIsInvalidButItsAuthenticContentIsShown() {
        Run run = run("session", "decode", cookie(), "--secret-key", X_KEY);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("Status:    INVALID: expired")
                .contains("Signed at: 2026-01-01T00:00:00Z (epoch 1767225600)\n")
                .contains("Max age:   14d (1209600 s)")
                .contains("Session (authentic, but NOT accepted because of its age):\n{\n  \"key\": \"value\"\n}")
                .doesNotContain("UNVERIFIED");
    }

    @Test
    void aCookieFromTheFutureIsInvalid() {
        Run run = run("session", "decode", cookie(), "--secret-key", X_KEY, "--now", "1767225540");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("INVALID: issued in the future").contains("Age:       1m in the future (-60 s)");
    }

    @Test
    void aBadSignatureShowsThePayloadLabelledUnverified() {
        Run run = run("session", "decode", cookie(), "--secret-key", "y".repeat(64), "--max-age", "none");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("Status:    INVALID: bad signature")
                .contains("Signed at: 2026-01-01T00:00:00Z (epoch 1767225600)   UNVERIFIED")
                .contains("Session (UNVERIFIED: the signature does not match; do not trust it):\n{\n  \"key\": "
                        + "\"value\"\n}")
                .doesNotContain("Key:");
    }

    @Test
    void rotatedKeysAreTriedInOrderAndAnOldOneIsReported() {
        Run run = run("session", "decode", cookie(), "--secret-key", "n".repeat(64), "--secret-key", X_KEY,
                "--max-age", "none");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Key:       old key #2 of 2: the app should re-issue it under the current key");
    }

    @Test
    void malformedCookiesSayWhatTheyLookLike() {
        Run garbage = run("session", "decode", "garbage", "--secret-key", X_KEY);
        assertThat(garbage.status()).isEqualTo(1);
        assertThat(garbage.out()).contains("INVALID: malformed (not a signed session cookie); it has no '.': "
                + "an encrypted cookie? try --encrypted").contains("Session:   none readable");

        Run signedAsEncrypted = run("session", "decode", cookie(), "--secret-key", X_KEY, "--encrypted");
        assertThat(signedAsEncrypted.status()).isEqualTo(1);
        assertThat(signedAsEncrypted.out()).contains("it has '.' in it: a signed cookie? drop --encrypted");
    }

    @Test
    void aPastedCookieHeaderIsAccepted() {
        Run run = run("session", "decode", "session=" + cookie(), "--secret-key", X_KEY, "--max-age", "none");
        assertThat(run.status()).isZero();
    }

    @Test
    void controlCharactersFromACookieNeverReachTheTerminalRaw() {
        // A forged (unsigned) payload carrying an ANSI escape in a key and a C1 control in a value.
        String json = "{\"\u001b[2J\": \"\u009b31m\"}";
        String forged = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + ".aVW5AA.forged";
        Run run = run("session", "decode", forged, "--secret-key", X_KEY);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u009b").contains("\\u001b[2J")
                .contains("\\u009b31m").contains("UNVERIFIED");
    }

    @Test
    void encryptedCookiesDecodeWithTheRightKeyAndShowNothingWithAWrongOne() {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user_id", 42);
        session.put("roles", new ArrayList<>(List.of("admin")));
        String cookie = new EncryptedCookieCodec(List.of(SecretKey.of(X_KEY)), Duration.ofDays(14),
                Clock.fixed(Instant.ofEpochSecond(VECTOR_TIME), ZoneOffset.UTC)).encode(session);

        Run valid = run("session", "decode", cookie, "--encrypted", "--secret-key", X_KEY, "--now", "1767225600");
        assertThat(valid.status()).isZero();
        assertThat(valid.out()).contains("Format:    encrypted (AES-256-GCM, iFastAPI)")
                .contains("Issued at: 2026-01-01T00:00:00Z (epoch 1767225600)")
                .contains("\"user_id\": 42").contains("\"admin\"");

        Run wrongKey = run("session", "decode", cookie, "--encrypted", "--secret-key", "y".repeat(64));
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("INVALID: cannot be decrypted with this key")
                .contains("Session:   not shown")
                .doesNotContain("UNVERIFIED").doesNotContain("user_id").doesNotContain("Issued at");

        Run expired = run("session", "decode", cookie, "--encrypted", "--secret-key", X_KEY);
        assertThat(expired.status()).isEqualTo(1);
        assertThat(expired.out()).contains("INVALID: expired").contains("\"user_id\": 42");
    }

    @Test
    void anEncryptedCookieDecodedAsSignedIsMalformed() {
        String cookie = EncryptedCookieCodec.of(SecretKey.of(X_KEY)).encode(Map.of("k", "v"));
        Run run = run("session", "decode", cookie, "--secret-key", X_KEY);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("try --encrypted");
    }

    @Test
    void humanDurations() {
        assertThat(SessionDecodeCommand.human(0)).isEqualTo("0s");
        assertThat(SessionDecodeCommand.human(3723)).isEqualTo("1h 2m 3s");
        assertThat(SessionDecodeCommand.human(1_296_000)).isEqualTo("15d");
        assertThat(SessionDecodeCommand.human(90_061)).isEqualTo("1d 1h 1m 1s");
    }

    @Test
    void aCookieMintedBySignedCookieCodecRoundTripsThroughTheCli() {
        String cookie = new SignedCookieCodec(List.of(SecretKey.of(X_KEY)), null,
                Clock.fixed(Instant.ofEpochSecond(VECTOR_TIME), ZoneOffset.UTC)).encode(Map.of("n", 1));
        Run run = run("session", "decode", cookie, "--secret-key", X_KEY, "--", "--max-age");
        assertThat(run.status()).isEqualTo(2); // "--" ends options, so "--max-age" is a second cookie
        assertThat(run("session", "decode", "--secret-key", X_KEY, "--max-age", "none", "--", cookie).status())
                .isZero();
    }
}
