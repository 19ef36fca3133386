package io.ifastapi.routing;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A path parameter type: the regex a segment must match and how the matched text becomes a value. The built-in
 * ones are Starlette's: {@code str} (default), {@code int}, {@code float}, {@code path}, {@code uuid}.
 */
public record Converter(String regex, Function<String, Object> convert) {

    public static final Converter STR = new Converter("[^/]+", s -> s);
    public static final Converter PATH = new Converter(".*", s -> s);
    public static final Converter INT = new Converter("[0-9]+", Converter::toInt);
    public static final Converter FLOAT = new Converter("[0-9]+(?:\\.[0-9]+)?", Double::valueOf);
    public static final Converter UUID_ = new Converter(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", UUID::fromString);

    static final Map<String, Converter> BUILT_IN = Map.of(
            "str", STR, "path", PATH, "int", INT, "float", FLOAT, "uuid", UUID_);

    /** Digits that do not fit an int still match {@code [0-9]+}; they become a Long rather than an error. */
    private static Object toInt(String digits) {
        return digits.length() < 10 ? (Object) Integer.valueOf(digits) : tryLong(digits);
    }

    private static Object tryLong(String digits) {
        try {
            long value = Long.parseLong(digits);
            return value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
        } catch (NumberFormatException tooBig) {
            return new java.math.BigInteger(digits);
        }
    }
}
