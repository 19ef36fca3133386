package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;

/**
 * UUID, as pydantic reads it (with Rust's uuid crate): hyphenated, simple (32 hex digits), braced or
 * {@code urn:uuid:}-prefixed; errors carry the crate's explanation.
 */
final class UuidValidator implements Validator {
    static final UuidValidator INSTANCE = new UuidValidator();
    private static final int[] GROUP_STARTS = {0, 9, 14, 19, 24};
    private static final int[] GROUP_LENGTHS = {8, 4, 4, 4, 12};

    @Override
    public Object fromText(String raw, Errors errors) {
        Object parsed = parse(raw);
        if (parsed instanceof UUID uuid) {
            return uuid;
        }
        String why = (String) parsed;
        return errors.add("uuid_parsing", "Input should be a valid UUID, " + why, raw, Map.of("error", why));
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (!node.isTextual()) {
            return errors.add("uuid_type", "UUID input should be a string, bytes or UUID object", JsonInput.of(node),
                    null);
        }
        return fromText(node.textValue(), errors);
    }

    /** The UUID, or the uuid crate's error message. */
    static Object parse(String raw) {
        String s = raw;
        int offset = 0;
        boolean simple = true;
        if (s.length() >= 2 && s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1);
            offset = 1;
            simple = false;
        } else if (s.startsWith("urn:uuid:")) {
            s = s.substring(9);
            offset = 9;
            simple = false;
        }
        if (s.length() == 32 && simple && isHex(s)) {
            return toUuid(s);
        }
        if (s.length() == 36 && isHyphenated(s)) {
            return toUuid(s.replace("-", ""));
        }
        int hyphens = 0;
        int[] bounds = new int[4];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (hyphens < 4) {
                    bounds[hyphens] = i;
                }
                hyphens++;
            } else if (Character.digit(c, 16) < 0 || c > 127) {
                int cp = s.codePointAt(i);
                return "invalid character: found `" + new String(Character.toChars(cp)) + "` at " + (i + offset + 1);
            }
        }
        if (hyphens == 0 && simple) {
            return "invalid length: expected length 32 for simple format, found " + s.length();
        }
        if (hyphens != 4) {
            return "invalid group count: expected 5, found " + (hyphens + 1);
        }
        for (int i = 0; i < 4; i++) {
            if (bounds[i] != GROUP_STARTS[i + 1] - 1) {
                return "invalid group length in group " + i + ": expected " + GROUP_LENGTHS[i] + ", found "
                        + (bounds[i] - GROUP_STARTS[i]);
            }
        }
        return "invalid group length in group 4: expected 12, found " + (s.length() - GROUP_STARTS[4]);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHyphenated(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean hyphenPlace = i == 8 || i == 13 || i == 18 || i == 23;
            if (hyphenPlace ? c != '-' : (Character.digit(c, 16) < 0 || c > 127)) {
                return false;
            }
        }
        return true;
    }

    private static UUID toUuid(String hex32) {
        long high = Long.parseUnsignedLong(hex32.substring(0, 16), 16);
        long low = Long.parseUnsignedLong(hex32.substring(16), 16);
        return new UUID(high, low);
    }
}
