package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * double and float, as pydantic's {@code float}: strings as Python's {@code float()} reads them (whitespace,
 * underscores between digits, exponents, {@code inf}, {@code nan}), JSON numbers and booleans.
 */
final class FloatValidator implements Validator {
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");

    private final boolean single;
    private final NumberBounds bounds;

    FloatValidator(boolean single, NumberBounds bounds) {
        this.single = single;
        this.bounds = bounds;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        Double value = parse(raw);
        if (value == null) {
            return errors.add("float_parsing", "Input should be a valid number, unable to parse string as a number",
                    raw, null);
        }
        return finish(value, raw, errors);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (node.isNumber()) {
            return finish(node.doubleValue(), JsonInput.of(node), errors);
        }
        if (node.isBoolean()) {
            return finish(node.booleanValue() ? 1.0 : 0.0, node.booleanValue(), errors);
        }
        if (node.isTextual()) {
            return fromText(node.textValue(), errors);
        }
        return errors.add("float_type", "Input should be a valid number", JsonInput.of(node), null);
    }

    static Double parse(String raw) {
        String s = raw.strip();
        if (NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s.replace("_", ""));
        }
        String word = s.toLowerCase(Locale.ROOT);
        boolean negative = word.startsWith("-");
        if (negative || word.startsWith("+")) {
            word = word.substring(1);
        }
        return switch (word) {
            case "inf", "infinity" -> negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> null;
        };
    }

    private Object finish(double value, Object input, Errors errors) {
        if (!bounds.isEmpty() && !bounds.check(value, input, errors)) {
            return Errors.INVALID;
        }
        return single ? (Object) (float) value : (Object) value;
    }
}
