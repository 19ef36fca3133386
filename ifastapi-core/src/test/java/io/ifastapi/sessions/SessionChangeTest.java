package io.ifastapi.sessions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** When the cookie session counts as changed: by content, key order aside, judged from the JSON texts. */
class SessionChangeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "the same text|{\"n\": 1}|{\"n\": 1}|false",
        "the same content in another key order|{\"b\": 2, \"a\": 1}|{\"a\": 1, \"b\": 2}|false",
        "nested maps in another key order|{\"u\": {\"y\": 1, \"x\": [1, 2]}}|{\"u\": {\"x\": [1, 2], \"y\": 1}}|false",
        "a counter that grew a digit|{\"n\": 10}|{\"n\": 9}|true",
        "a value changed, same length|{\"n\": 2}|{\"n\": 1}|true",
        "a key added|{\"n\": 1, \"m\": 2}|{\"n\": 1}|true",
        "a list reordered|{\"l\": [2, 1]}|{\"l\": [1, 2]}|true",
        "the same content, foreign spacing (re-issued once)|{\"n\": 1}|{\"n\":1}|true",
    })
    void judgedByContent(String name, String now, String original, boolean changed) {
        assertThat(CookieBackend.changed(now, original)).as(name).isEqualTo(changed);
    }
}
