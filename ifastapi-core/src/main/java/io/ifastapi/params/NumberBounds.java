package io.ifastapi.params;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.lang.reflect.AnnotatedElement;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A number's constraints from Jakarta's annotations (and our {@link MultipleOf}), checked in pydantic's order
 * (multiple_of, le, lt, ge, gt; the first failure only). The message shows the bound as written ({@code @Min(1)}:
 * "1"), the ctx as pydantic converts it to the field's type: {@code {"gt":0.0}} for a float field, {@code {"gt":0}}
 * for an int field.
 */
final class NumberBounds {
    private final Bound le;
    private final Bound lt;
    private final Bound ge;
    private final Bound gt;
    private final Bound multipleOf;

    private record Bound(BigDecimal value, double asDouble, String text, Object ctxValue) {
    }

    private NumberBounds(Bound le, Bound lt, Bound ge, Bound gt, Bound multipleOf) {
        this.le = le;
        this.lt = lt;
        this.ge = ge;
        this.gt = gt;
        this.multipleOf = multipleOf;
    }

    boolean isEmpty() {
        return le == null && lt == null && ge == null && gt == null && multipleOf == null;
    }

    /** The bounds as documented (OpenAPI's minimum/maximum/exclusive*), name -> number. */
    void describe(Map<String, Object> out) {
        if (ge != null) out.put("ge", ge.value);
        if (gt != null) out.put("gt", gt.value);
        if (le != null) out.put("le", le.value);
        if (lt != null) out.put("lt", lt.value);
        if (multipleOf != null) out.put("multiple_of", multipleOf.value);
    }

    static NumberBounds of(AnnotatedElement element, boolean floatField, String where) {
        Bound ge = null;
        Bound gt = null;
        Bound le = null;
        Bound lt = null;
        Min min = element.getAnnotation(Min.class);
        if (min != null) {
            ge = bound(String.valueOf(min.value()), floatField, where);
        }
        Max max = element.getAnnotation(Max.class);
        if (max != null) {
            le = bound(String.valueOf(max.value()), floatField, where);
        }
        DecimalMin decimalMin = element.getAnnotation(DecimalMin.class);
        if (decimalMin != null) {
            Bound b = bound(decimalMin.value(), floatField, where);
            if (decimalMin.inclusive()) ge = b; else gt = b;
        }
        DecimalMax decimalMax = element.getAnnotation(DecimalMax.class);
        if (decimalMax != null) {
            Bound b = bound(decimalMax.value(), floatField, where);
            if (decimalMax.inclusive()) le = b; else lt = b;
        }
        if (element.isAnnotationPresent(Positive.class)) gt = bound("0", floatField, where);
        if (element.isAnnotationPresent(PositiveOrZero.class)) ge = bound("0", floatField, where);
        if (element.isAnnotationPresent(Negative.class)) lt = bound("0", floatField, where);
        if (element.isAnnotationPresent(NegativeOrZero.class)) le = bound("0", floatField, where);
        MultipleOf multiple = element.getAnnotation(MultipleOf.class);
        Bound multipleOf = null;
        if (multiple != null) {
            multipleOf = bound(multiple.value(), floatField, where);
            if (multipleOf.value.signum() <= 0) {
                throw new IllegalArgumentException(where + ": @MultipleOf needs a positive number, got "
                        + multiple.value());
            }
        }
        return new NumberBounds(le, lt, ge, gt, multipleOf);
    }

    private static Bound bound(String text, boolean floatField, String where) {
        String trimmed = text.trim();
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a number; write the bound as a "
                    + "decimal number, e.g. \"0.5\"");
        }
        Object ctx;
        if (floatField) {
            ctx = JsonInput.python(value.doubleValue());
        } else if (value.stripTrailingZeros().scale() <= 0 && trimmed.indexOf('.') < 0
                && trimmed.indexOf('e') < 0 && trimmed.indexOf('E') < 0) {
            ctx = value.toBigIntegerExact();
        } else {
            ctx = JsonInput.python(value.doubleValue());
        }
        return new Bound(value, value.doubleValue(), trimmed, ctx);
    }

    /** Checks an integral or decimal value; adds the first failure and returns false. */
    boolean check(BigDecimal value, Object input, Errors errors) {
        if (multipleOf != null && value.remainder(multipleOf.value).signum() != 0) {
            return fail(errors, "multiple_of", "Input should be a multiple of ", multipleOf, input);
        }
        if (le != null && value.compareTo(le.value) > 0) {
            return fail(errors, "less_than_equal", "Input should be less than or equal to ", le, input);
        }
        if (lt != null && value.compareTo(lt.value) >= 0) {
            return fail(errors, "less_than", "Input should be less than ", lt, input);
        }
        if (ge != null && value.compareTo(ge.value) < 0) {
            return fail(errors, "greater_than_equal", "Input should be greater than or equal to ", ge, input);
        }
        if (gt != null && value.compareTo(gt.value) <= 0) {
            return fail(errors, "greater_than", "Input should be greater than ", gt, input);
        }
        return true;
    }

    /** Checks a float as pydantic does: comparisons written so that NaN fails them. */
    boolean check(double value, Object input, Errors errors) {
        if (multipleOf != null) {
            double m = multipleOf.asDouble;
            double rem = value % m;
            if (!(Math.abs(rem) <= 1e-9 || Math.abs(Math.abs(rem) - m) <= 1e-9)) {
                return fail(errors, "multiple_of", "Input should be a multiple of ", multipleOf, input);
            }
        }
        if (le != null && !(value <= le.asDouble)) {
            return fail(errors, "less_than_equal", "Input should be less than or equal to ", le, input);
        }
        if (lt != null && !(value < lt.asDouble)) {
            return fail(errors, "less_than", "Input should be less than ", lt, input);
        }
        if (ge != null && !(value >= ge.asDouble)) {
            return fail(errors, "greater_than_equal", "Input should be greater than or equal to ", ge, input);
        }
        if (gt != null && !(value > gt.asDouble)) {
            return fail(errors, "greater_than", "Input should be greater than ", gt, input);
        }
        return true;
    }

    private static boolean fail(Errors errors, String type, String msg, Bound bound, Object input) {
        String key = switch (type) {
            case "multiple_of" -> "multiple_of";
            case "less_than_equal" -> "le";
            case "less_than" -> "lt";
            case "greater_than_equal" -> "ge";
            default -> "gt";
        };
        errors.add(type, msg + bound.text, input, Map.of(key, bound.ctxValue));
        return false;
    }
}
