package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ifastapi.testsupport.CapturedStderr;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretKeyTest {

    @Test
    void anUnsetVariableSaysWhichAndHowToMakeAKey() {
        assertThatThrownBy(() -> SecretKey.fromEnv("SECRET_KEY", name -> null))
                .isInstanceOf(InvalidSecretKeyException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SECRET_KEY is not set. SessionMiddleware needs a secret key to sign cookies.")
                .hasMessageContaining("java -jar ifastapi-cli.jar secret")
                .hasMessageContaining("python3 -c 'import secrets; print(secrets.token_hex(32))'")
                .hasMessageEndingWith("export SECRET_KEY=<that value>");
        assertThatThrownBy(() -> SecretKey.fromEnv("MY_APP_KEY", Map.<String, String>of()::get))
                .hasMessageStartingWith("MY_APP_KEY is not set.")
                .hasMessageContaining("export MY_APP_KEY=<that value>");
    }

    @Test
    void emptyAndBlankVariablesAreRefused() {
        assertThatThrownBy(() -> SecretKey.fromEnv("SECRET_KEY", name -> ""))
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageStartingWith("SECRET_KEY is set but empty")
                .hasMessageContaining("java -jar ifastapi-cli.jar secret");
        assertThatThrownBy(() -> SecretKey.fromEnv("SECRET_KEY", name -> " \t\n"))
                .isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageStartingWith("SECRET_KEY is set but blank");
    }

    @Test
    void theVariableIsUsedAsIsLikePythonWould() {
        SecretKey key = SecretKey.fromEnv("SECRET_KEY", Map.of("SECRET_KEY", " k\u00e9y ")::get);
        assertThat(key.bytes()).isEqualTo(" k\u00e9y ".getBytes(StandardCharsets.UTF_8));
        assertThat(key).isEqualTo(SecretKey.of(" k\u00e9y "));
    }

    @Test
    void emptyNullAndBlankKeysAreRefused() {
        assertThatThrownBy(() -> SecretKey.of("")).isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("empty or blank");
        assertThatThrownBy(() -> SecretKey.of("   ")).isInstanceOf(InvalidSecretKeyException.class);
        assertThatThrownBy(() -> SecretKey.of(null)).isInstanceOf(InvalidSecretKeyException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> SecretKey.ofBytes(new byte[0])).isInstanceOf(InvalidSecretKeyException.class);
        assertThatThrownBy(() -> SecretKey.ofBytes(null)).isInstanceOf(InvalidSecretKeyException.class);
    }

    @Test
    void generatedKeysAre64RandomHexCharacters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String hex = SecretKey.generateHex();
            assertThat(hex).matches("[0-9a-f]{64}");
            assertThat(seen.add(hex)).isTrue();
        }
        SecretKey key = SecretKey.generate();
        assertThat(key.length()).isEqualTo(64);
        assertThat(new String(key.bytes(), StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
        assertThat(key.isWeak()).isFalse();
        assertThat(key).isNotEqualTo(SecretKey.generate());
    }

    @Test
    void toStringNeverShowsTheKey() {
        String hex = SecretKey.generateHex();
        SecretKey key = SecretKey.of(hex);
        assertThat(key.toString()).isEqualTo("SecretKey[redacted, 64 bytes]").doesNotContain(hex.substring(0, 8));
        assertThat(SecretKey.of("a-short-key").toString()).isEqualTo("SecretKey[redacted, 11 bytes, weak]");
    }

    @Test
    void weakMeansUnder32Bytes() {
        assertThat(SecretKey.of("a-short-key").isWeak()).isTrue();
        assertThat(SecretKey.of("x".repeat(31)).isWeak()).isTrue();
        assertThat(SecretKey.of("x".repeat(32)).isWeak()).isFalse();
        assertThat(SecretKey.of("\u00e9".repeat(16)).isWeak()).isFalse(); // 32 UTF-8 bytes
    }

    @Test
    void aWeakKeyIsLoggedAsAWarningNamingTheVariable() {
        String log;
        try (var stderr = new CapturedStderr()) {
            SecretKey.fromEnv("SHORT_KEY", name -> "tiny");
            SecretKey.of("y".repeat(64));
            log = stderr.text();
        }
        assertThat(log).contains("WARN").contains("SHORT_KEY is only 4 bytes long").doesNotContain("tiny");
        assertThat(log.lines().filter(line -> line.contains("WARN")).count()).isEqualTo(1);
    }

    @Test
    void keysAreCopiedInAndOut() {
        byte[] material = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        SecretKey key = SecretKey.ofBytes(material);
        material[0] = 'X';
        assertThat(key.bytes()[0]).isEqualTo((byte) '0');
        key.bytes()[1] = 'Y';
        assertThat(key.bytes()[1]).isEqualTo((byte) '1');
    }

    @Test
    void equalityIsByContent() {
        assertThat(SecretKey.of("same-key")).isEqualTo(SecretKey.of("same-key"))
                .hasSameHashCodeAs(SecretKey.of("same-key"))
                .isNotEqualTo(SecretKey.of("other-key"))
                .isEqualTo(SecretKey.ofBytes("same-key".getBytes(StandardCharsets.UTF_8)));
    }
}
