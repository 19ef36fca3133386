package io.ifastapi.forms;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Urlencoded forms against Starlette's answers to the same bodies. */
class UrlEncodedParserTest {
    private static FormData parse(String body) {
        return UrlEncodedParser.parse(body.getBytes(StandardCharsets.UTF_8), FormLimits.defaults());
    }

    @Test
    void plusIsASpaceAndEscapesAreUtf8() {
        assertThat(parse("a=1+2&b=%C3%A9&a=3&a+b=c+d").items()).containsExactly(Map.entry("a", "1 2"),
                Map.entry("b", "é"), Map.entry("a", "3"), Map.entry("a b", "c d"));
        assertThat(parse("a=1%2B1%26b%3D2").get("a")).isEqualTo("1+1&b=2");
    }

    @Test
    void oddPairsAsStarletteReadsThem() {
        assertThat(parse("c&=d&&a==b&").items()).containsExactly(Map.entry("c", ""), Map.entry("", "d"),
                Map.entry("a", "=b"));
        assertThat(parse("a=1;b=2").get("a")).as("';' does not split").isEqualTo("1;b=2");
        assertThat(parse("=").items()).containsExactly(Map.entry("", ""));
        assertThat(parse("").items()).isEmpty();
    }

    @Test
    void badEscapesStayAndNonUtf8BytesBecomeReplacementCharacters() {
        assertThat(parse("a=%2&b=%zz&c=100%").items()).containsExactly(Map.entry("a", "%2"), Map.entry("b", "%zz"),
                Map.entry("c", "100%"));
        assertThat(parse("a=%ff&%C3=1").items()).containsExactly(Map.entry("a", "\ufffd"), Map.entry("\ufffd", "1"));
        assertThat(parse("f=é").get("f")).as("raw UTF-8 (Starlette reads it as Latin-1)").isEqualTo("é");
    }

    @Test
    void limits() {
        assertThat(parse("a=1&".repeat(1000)).size()).isEqualTo(1000);
        assertThatThrownBy(() -> parse("a=1&".repeat(1001))).isInstanceOfSatisfying(FormException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail()).isEqualTo("Too many fields. Maximum number of fields is 1000.");
        });
        assertThat(parse("a=" + "x".repeat(1024 * 1024 - 2)).get("a")).hasSize(1024 * 1024 - 2);
        assertThatThrownBy(() -> parse("a=" + "x".repeat(1024 * 1024 - 1))).isInstanceOfSatisfying(FormException.class,
                e -> assertThat(e.detail()).isEqualTo("Field exceeded maximum size of 1024KB."));
    }
}
