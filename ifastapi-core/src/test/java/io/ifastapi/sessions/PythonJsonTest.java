package io.ifastapi.sessions;

import io.ifastapi.json.PythonFloat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonJsonTest {

    /** Expected texts below come from CPython 3.11.7's {@code json.dumps}. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0                    | 1.0
            0.1                    | 0.1
            1e16                   | 1e+16
            1e15                   | 1000000000000000.0
            1.5e-05                | 1.5e-05
            0.0001                 | 0.0001
            0.00001                | 1e-05
            -0.0                   | -0.0
            0.0                    | 0.0
            123456789012345678.0   | 1.2345678901234568e+17
            9007199254740993.0     | 9007199254740992.0
            1e22                   | 1e+22
            1e23                   | 1e+23
            5e-324                 | 5e-324
            1.7976931348623157e308 | 1.7976931348623157e+308
            0.30000000000000004    | 0.30000000000000004
            -1.5                   | -1.5
            1e100                  | 1e+100
            NaN                    | NaN
            Infinity               | Infinity
            -Infinity              | -Infinity
            """)
    void floatsAreWrittenAsPythonsRepr(String javaLiteral, String python) {
        assertThat(PythonFloat.repr(Double.parseDouble(javaLiteral))).isEqualTo(python);
        assertThat(PythonJson.dumps(Map.of("x", Double.parseDouble(javaLiteral)))).isEqualTo("{\"x\": " + python + "}");
    }

    @Test
    void floatReprMatchesCPythonForThousandsOfDoubles() throws IOException {
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("python-float-repr.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                double value = Double.longBitsToDouble(Long.parseUnsignedLong(columns[0], 16));
                String ours = PythonFloat.repr(value);
                if (!ours.equals(columns[1])) {
                    mismatches.add(columns[0] + ": python " + columns[1] + ", ours " + ours);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void floatsAndBigDecimalsUseTheirShortestDigits() {
        assertThat(PythonJson.dumps(Map.of("f", 0.1f))).isEqualTo("{\"f\": 0.1}");
        assertThat(PythonJson.dumps(Map.of("d", new BigDecimal("19.99")))).isEqualTo("{\"d\": 19.99}");
        assertThat(PythonJson.dumps(Map.of("d", new BigDecimal("5")))).isEqualTo("{\"d\": 5.0}");
    }

    @Test
    void everyAsciiCharacterIsEscapedAsPythonDoes() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        assertThat(PythonJson.dumps(Map.of("s", all.toString()))).isEqualTo("{\"s\": \""
                + "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
                + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c"
                + "\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
                + "abcdefghijklmnopqrstuvwxyz{|}~\\u007f\"}");
    }

    @Test
    void nonAsciiIsEscapedWithLowercaseHexAndSurrogatePairs() {
        String s = "\u00e9\u20ac\uD83D\uDE00\uD800x\uDFFF\u2028\uFEFF\uFFFF";
        assertThat(PythonJson.dumps(Map.of("s", s)))
                .isEqualTo("{\"s\": \"\\u00e9\\u20ac\\ud83d\\ude00\\ud800x\\udfff\\u2028\\ufeff\\uffff\"}");
    }

    @Test
    void integersOfAnySizeAndTheLiterals() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> x = new ArrayList<>();
        x.add(Double.NaN);
        x.add(Double.POSITIVE_INFINITY);
        x.add(Double.NEGATIVE_INFINITY);
        x.add(BigInteger.TEN.pow(30));
        x.add(Long.MIN_VALUE);
        x.add(BigInteger.TWO.pow(63));
        x.add(true);
        x.add(null);
        x.add((short) 7);
        x.add((byte) -8);
        map.put("x", x);
        assertThat(PythonJson.dumps(map)).isEqualTo("{\"x\": [NaN, Infinity, -Infinity, "
                + "1000000000000000000000000000000, -9223372036854775808, 9223372036854775808, true, null, 7, -8]}");
    }

    @Test
    void nonStringKeysBecomeTheirJsonText() {
        Map<Object, String> keys = new LinkedHashMap<>();
        keys.put(1, "int");
        keys.put(2.5, "float");
        keys.put(true, "t");
        keys.put(null, "n");
        assertThat(PythonJson.dumps(Map.of("k", keys)))
                .isEqualTo("{\"k\": {\"1\": \"int\", \"2.5\": \"float\", \"true\": \"t\", \"null\": \"n\"}}");
    }

    @Test
    void prettyIsIndentTwoWithoutAsciiEscaping() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", List.of());
        inner.put("c", Map.of());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1, inner, List.of(2, 3)));
        map.put("d", null);
        map.put("s", "\u00e9\uD83D\uDE00\u007f\u0001\n");
        assertThat(PythonJson.dumpsPretty(map)).isEqualTo("""
                {
                  "a": [
                    1,
                    {
                      "b": [],
                      "c": {}
                    },
                    [
                      2,
                      3
                    ]
                  ],
                  "d": null,
                  "s": "\u00e9\uD83D\uDE00\u007f\\u0001\\n"
                }""");
        assertThat(PythonJson.dumpsPretty(Map.of())).isEqualTo("{}");
    }

    enum Role { ADMIN, USER }

    record Address(String city, int zip) {
    }

    record User(String name, Role role, Address address, LocalDate born, Instant seen, Duration idle,
            Optional<String> nickname, Optional<String> none, Set<String> tags, byte[] avatar) {
    }

    @Test
    void recordsEnumsJavaTimeAndOptionalsGoThroughJackson() {
        User user = new User("Zoë", Role.ADMIN, new Address("Zürich", 8001), LocalDate.of(1990, 5, 17),
                Instant.ofEpochSecond(1767225600), Duration.ofMinutes(90), Optional.of("z"), Optional.empty(),
                new TreeSet<>(Set.of("b", "a")), new byte[] {1, 2, 3});
        assertThat(PythonJson.dumps(Map.of("user", user))).isEqualTo("{\"user\": {\"name\": \"Zo\\u00eb\", "
                + "\"role\": \"ADMIN\", \"address\": {\"city\": \"Z\\u00fcrich\", \"zip\": 8001}, "
                + "\"born\": \"1990-05-17\", \"seen\": \"2026-01-01T00:00:00Z\", \"idle\": \"PT1H30M\", "
                + "\"nickname\": \"z\", \"none\": null, \"tags\": [\"a\", \"b\"], \"avatar\": \"AQID\"}}");
    }

    @Test
    void collectionsAndEnumsAsDirectValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("r", Role.USER);
        map.put("s", new TreeSet<>(Set.of(3, 1)));
        map.put("i", new int[] {4, 5});
        assertThat(PythonJson.dumps(map)).isEqualTo("{\"r\": \"USER\", \"s\": [1, 3], \"i\": [4, 5]}");
    }

    static final class Opaque {
        private final int hidden = 1;
    }

    @Test
    void unserialisableValuesAndCyclesAreClearErrors() {
        assertThatThrownBy(() -> PythonJson.dumps(Map.of("o", new Opaque())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Opaque.class.getName());
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        assertThatThrownBy(() -> PythonJson.dumps(cyclic))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested more than 1000 levels");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parseKeepsOrderTypesAndExactIntegers() {
        Map<String, Object> map = PythonJson.parse(" {\"b\": 1, \"a\": [2147483648, 9007199254740993, "
                + "123456789012345678901234567890, -0, 1.0, 1e+16, 1.5e-05, -2147483648, 9223372036854775807, "
                + "-9223372036854775809], \"c\": {\"t\": true, \"f\": false, \"n\": null}, "
                + "\"d\": [NaN, Infinity, -Infinity], \"b\": 2}\n");
        assertThat(map.keySet()).containsExactly("b", "a", "c", "d");
        assertThat(map.get("b")).isEqualTo(2);
        assertThat((List<Object>) map.get("a")).containsExactly(2147483648L, 9007199254740993L,
                new BigInteger("123456789012345678901234567890"), 0, 1.0, 1e16, 1.5e-05, Integer.MIN_VALUE,
                Long.MAX_VALUE, new BigInteger("-9223372036854775809"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("t", true);
        c.put("f", false);
        c.put("n", null);
        assertThat(map.get("c")).isEqualTo(c);
        assertThat((List<Object>) map.get("d")).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY);
    }

    @Test
    void parseUnescapesEverythingDumpsEscapes() {
        String s = "\u0000\u001f \"\\/\b\f\n\r\t\u00e9\uD83D\uDE00\uD800\u007f";
        assertThat(PythonJson.parse(PythonJson.dumps(Map.of("s", s)))).isEqualTo(Map.of("s", s));
        assertThat(PythonJson.parse("{\"s\": \"\\/\\u00E9\"}")).isEqualTo(Map.of("s", "/\u00e9"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void parsedContainersAreMutable() {
        Map<String, Object> map = PythonJson.parse("{\"l\": [1], \"m\": {}}");
        map.put("new", 1);
        ((List<Object>) map.get("l")).add(2);
        ((Map<String, Object>) map.get("m")).put("k", "v");
        assertThat(PythonJson.dumps(map)).isEqualTo("{\"l\": [1, 2], \"m\": {\"k\": \"v\"}, \"new\": 1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[]", "[1]", "\"s\"", "1", "null", "{", "}", "{\"a\"}", "{\"a\":}",
        "{\"a\": 1,}", "{\"a\": 1} x", "{\"a\": 1}{}", "{'a': 1}", "{a: 1}", "{\"a\": 01}", "{\"a\": 1.}",
        "{\"a\": .5}", "{\"a\": 1e}", "{\"a\": -}", "{\"a\": +1}", "{\"a\": tru}", "{\"a\": nan}",
        "{\"a\": -NaN}", "{\"a\": \"\\x\"}", "{\"a\": \"\\u12\"}", "{\"a\": \"\\u12g4\"}", "{\"a\": \"\t\"}",
        "{\"a\": \"unterminated}", "{\"a\": [1 2]}", "{\"a\": [1,]}", "{\"a\" 1}", "\u00a0{}", "{\"a\": \"\\",
        "{\"a\": [", "{\"a\": {\"b\": 1}"})
    void malformedTextIsRefusedWithASpecificException(String text) {
        assertThatThrownBy(() -> PythonJson.parse(text)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void hostileNestingAndHugeIntegersAreRefusedNotOverflowed() {
        String deep = "{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> PythonJson.parse(deep))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("nested");
        String nested = "{\"a\": " + "[".repeat(998) + "]".repeat(998) + "}";
        assertThat(PythonJson.parse(nested)).containsKey("a");
        assertThatThrownBy(() -> PythonJson.parse("{\"a\": " + "9".repeat(4301) + "}"))
                .isInstanceOf(MalformedJsonException.class);
        assertThat(PythonJson.parse("{\"a\": " + "9".repeat(4300) + "}").get("a"))
                .isEqualTo(new BigInteger("9".repeat(4300)));
        assertThatThrownBy(() -> PythonJson.parse(null)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> PythonJson.parse("{\"a\": tru}"))
                .isInstanceOfSatisfying(MalformedJsonException.class, e -> assertThat(e.position()).isEqualTo(6))
                .hasMessageContaining("Expecting value");
    }
}
