package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * boolean, as pydantic's {@code bool}: the strings 1/0, true/false, t/f, yes/no, y/n, on/off in any case; JSON
 * booleans and the numbers 0 and 1.
 */
final class BoolValidator implements Validator {
    static final BoolValidator INSTANCE = new BoolValidator();

    @Override
    public Object fromText(String raw, Errors errors) {
        Boolean value = parse(raw);
        return value != null ? value
                : errors.add("bool_parsing", "Input should be a valid boolean, unable to interpret input", raw, null);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return fromText(node.textValue(), errors);
        }
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt() && (node.intValue() == 0 || node.intValue() == 1)) {
                return node.intValue() == 1;
            }
            return errors.add("bool_parsing", "Input should be a valid boolean, unable to interpret input",
                    JsonInput.of(node), null);
        }
        if (node.isFloatingPointNumber() && (node.doubleValue() == 0.0 || node.doubleValue() == 1.0)) {
            return node.doubleValue() == 1.0;
        }
        return errors.add("bool_type", "Input should be a valid boolean", JsonInput.of(node), null);
    }

    static Boolean parse(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y", "on" -> Boolean.TRUE;
            case "0", "false", "f", "no", "n", "off" -> Boolean.FALSE;
            default -> null;
        };
    }
}
