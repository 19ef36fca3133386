package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * String with pydantic's string constraints, checked in its order: length (counted in code points, as Python's
 * {@code len}) then pattern (searched, as pydantic's regex: anchor it with ^...$ to match the whole value). Jakarta's
 * {@code @NotBlank} has no pydantic twin: a blank value is reported as {@code string_too_short} with
 * {@code min_length} 1, as {@code StringConstraints(strip_whitespace=True, min_length=1)} would.
 */
final class StringValidator implements Validator {
    private final int minLength;
    private final int maxLength;
    private final Pattern pattern;
    private final String patternText;
    private final boolean notBlank;

    StringValidator(int minLength, int maxLength, String patternText, boolean notBlank) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.patternText = patternText;
        this.pattern = patternText == null ? null : Pattern.compile(patternText);
        this.notBlank = notBlank;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        if (minLength > 0 || maxLength < Integer.MAX_VALUE) {
            int length = raw.codePointCount(0, raw.length());
            if (length < minLength) {
                return errors.add("string_too_short", "String should have at least " + minLength + " character"
                        + (minLength == 1 ? "" : "s"), raw, Map.of("min_length", minLength));
            }
            if (length > maxLength) {
                return errors.add("string_too_long", "String should have at most " + maxLength + " character"
                        + (maxLength == 1 ? "" : "s"), raw, Map.of("max_length", maxLength));
            }
        }
        if (notBlank && raw.isBlank()) {
            return errors.add("string_too_short", "String should have at least 1 character", raw,
                    Map.of("min_length", 1));
        }
        if (pattern != null && !pattern.matcher(raw).find()) {
            return errors.add("string_pattern_mismatch", "String should match pattern '" + patternText + "'", raw,
                    Map.of("pattern", patternText));
        }
        return raw;
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (!node.isTextual()) {
            return errors.add("string_type", "Input should be a valid string", JsonInput.of(node), null);
        }
        return fromText(node.textValue(), errors);
    }
}
