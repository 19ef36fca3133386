package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** BigDecimal, as pydantic's {@code Decimal}: from strings and JSON numbers, exactly as written. */
final class DecimalValidator implements Validator {
    private final NumberBounds bounds;

    DecimalValidator(NumberBounds bounds) {
        this.bounds = bounds;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        BigDecimal value = parse(raw);
        if (value == null) {
            return errors.add("decimal_parsing", "Input should be a valid decimal", raw, null);
        }
        return finish(value, raw, errors);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (node.isNumber()) {
            return finish(new BigDecimal(node.asText()), JsonInput.of(node), errors);
        }
        if (node.isTextual()) {
            return fromText(node.textValue(), errors);
        }
        return errors.add("decimal_type", "Decimal input should be an integer, float, string or Decimal object",
                JsonInput.of(node), null);
    }

    private static BigDecimal parse(String raw) {
        String s = raw.strip();
        if (s.isEmpty() || s.indexOf('d') >= 0 || s.indexOf('D') >= 0 || s.indexOf('f') >= 0) {
            return null;
        }
        try {
            return new BigDecimal(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Object finish(BigDecimal value, Object input, Errors errors) {
        if (!bounds.isEmpty() && !bounds.check(value, input, errors)) {
            return Errors.INVALID;
        }
        return value;
    }
}
