package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * int, long, short and BigInteger, as pydantic's {@code int}: strings may carry surrounding whitespace, a sign,
 * underscores between digits and a zero fraction ({@code "2.0"}); JSON floats must be whole ({@code 2.5} is
 * {@code int_from_float}); JSON booleans are 1 and 0. A value outside the Java type's range is reported as the bound
 * it crosses ({@code less_than_equal} 2147483647 for an int), as if declared with {@code le}/{@code ge}.
 */
final class IntValidator implements Validator {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d(?:_?\\d)*(?:\\.0*)?");
    private static final BigDecimal TWO_POW_63 = new BigDecimal(BigInteger.TWO.pow(63));

    enum Kind {
        BYTE(Byte.MIN_VALUE, Byte.MAX_VALUE), SHORT(Short.MIN_VALUE, Short.MAX_VALUE),
        INT(Integer.MIN_VALUE, Integer.MAX_VALUE), LONG(Long.MIN_VALUE, Long.MAX_VALUE), BIG(0, 0);

        final BigInteger min;
        final BigInteger max;

        Kind(long min, long max) {
            this.min = BigInteger.valueOf(min);
            this.max = BigInteger.valueOf(max);
        }
    }

    private final Kind kind;
    private final NumberBounds bounds;

    IntValidator(Kind kind, NumberBounds bounds) {
        this.kind = kind;
        this.bounds = bounds;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        BigInteger value = parse(raw);
        if (value == null) {
            return errors.add("int_parsing", "Input should be a valid integer, unable to parse string as an integer",
                    raw, null);
        }
        return finish(value, raw, errors);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (node.isIntegralNumber()) {
            return finish(node.bigIntegerValue(), JsonInput.of(node), errors);
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (Double.isFinite(d) && d != Math.rint(d)) {
                return errors.add("int_from_float", "Input should be a valid integer, got a number with a "
                        + "fractional part", JsonInput.of(node), null);
            }
            if (!Double.isFinite(d) || new BigDecimal(d).abs().compareTo(TWO_POW_63) >= 0) {
                return errors.add("int_parsing_size", "Unable to parse input string as an integer, exceeded "
                        + "maximum size", JsonInput.of(node), null);
            }
            return finish(BigInteger.valueOf((long) d), JsonInput.of(node), errors);
        }
        if (node.isBoolean()) {
            return finish(node.booleanValue() ? BigInteger.ONE : BigInteger.ZERO, node.booleanValue(), errors);
        }
        if (node.isTextual()) {
            BigInteger value = parse(node.textValue());
            if (value == null) {
                return errors.add("int_parsing", "Input should be a valid integer, unable to parse string as an "
                        + "integer", node.textValue(), null);
            }
            return finish(value, node.textValue(), errors);
        }
        return errors.add("int_type", "Input should be a valid integer", JsonInput.of(node), null);
    }

    static BigInteger parse(String raw) {
        String s = raw.strip();
        if (s.length() > 4300 || !INTEGER.matcher(s).matches()) { // 4300 digits: Python's int() limit
            return null;
        }
        int dot = s.indexOf('.');
        String digits = (dot < 0 ? s : s.substring(0, dot)).replace("_", "");
        return new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
    }

    private Object finish(BigInteger value, Object input, Errors errors) {
        if (!bounds.isEmpty() && !bounds.check(new BigDecimal(value), input, errors)) {
            return Errors.INVALID;
        }
        if (kind == Kind.BIG) {
            return value;
        }
        if (value.compareTo(kind.max) > 0) {
            return errors.add("less_than_equal", "Input should be less than or equal to " + kind.max, input,
                    Map.of("le", kind.max));
        }
        if (value.compareTo(kind.min) < 0) {
            return errors.add("greater_than_equal", "Input should be greater than or equal to " + kind.min, input,
                    Map.of("ge", kind.min));
        }
        return switch (kind) {
            case BYTE -> value.byteValue();
            case SHORT -> value.shortValue();
            case INT -> value.intValue();
            default -> value.longValue();
        };
    }
}
