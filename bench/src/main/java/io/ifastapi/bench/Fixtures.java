package io.ifastapi.bench;

import io.ifastapi.sessions.SecretKey;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmarks share: the fixed test key and the sessions they sign, encode and compare. */
public final class Fixtures {
    /** The same fixed test key as bench/lib.sh (64 hex digits used as a string key, as SECRET_KEY is). */
    public static final String SECRET_KEY_HEX = "5eb1c4e0d6a2f7b9385c1e0f2a4b6d8c9e1f3a5b7c9d0e2f4a6b8c0d1e3f5a7b";

    private Fixtures() {
    }

    public static SecretKey key() {
        return SecretKey.of(SECRET_KEY_HEX);
    }

    /**
     * A session by name: {@code demo} is what the demo's /set-session stores ({"key": "value"}), {@code 1KiB} the
     * same plus a 1000-character ASCII string, a session of the size apps keep in cookies (a user, a cart, flags).
     */
    public static Map<String, Object> session(String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("key", "value");
        switch (name) {
            case "demo" -> { }
            case "1KiB" -> values.put("pad", text(1000));
            default -> throw new IllegalArgumentException("Unknown session " + name + "; known: demo, 1KiB");
        }
        return values;
    }

    /** Printable ASCII that varies (so nothing is suspiciously regular), deterministic. */
    public static String text(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + (i * 7 + i / 26) % 26));
        }
        return out.toString();
    }
}
