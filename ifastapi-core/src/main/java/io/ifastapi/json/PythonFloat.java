package io.ifastapi.json;

import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}, which is what {@code json.dumps} writes for a float.
 *
 * <p>Facts (CPython {@code Python/pystrtod.c}, {@code format_float_short} in mode 'r'): the digits are the shortest
 * decimal that reads back as the same double (David Gay's dtoa mode 0); scientific notation is used when the
 * decimal point position {@code decpt} (value = 0.DIGITS &times; 10^decpt) is {@code <= -4} or {@code > 16}, written
 * as {@code d[.ddd]e±XX} with at least two exponent digits; otherwise fixed notation, with {@code .0} added to
 * integers. {@code json.dumps} writes NaN and the infinities as {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *
 * <p>Java 19+ {@link Double#toString(double)} also gives the shortest round-tripping digits (JDK-4511638), with one
 * documented exception: when a one-digit decimal would do, Java may pick a closer two-digit one (it prints
 * {@code 4.9E-324} where Python prints {@code 5e-324}). That case is detected and corrected below, so the result
 * matches CPython for every double (checked against a table made by CPython in the tests).
 */
public final class PythonFloat {

    private PythonFloat() {
    }

    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        double magnitude = Math.abs(value);
        BigDecimal shortest = new BigDecimal(Double.toString(magnitude)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decpt = digits.length() - shortest.scale();
        if (digits.length() == 2) {
            BigDecimal oneDigit = oneDigitAlternative(magnitude, digits, decpt);
            if (oneDigit != null) {
                digits = oneDigit.unscaledValue().toString();
                decpt = digits.length() - oneDigit.scale();
            }
        }
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (value < 0) {
            out.append('-');
        }
        return format(out, digits, decpt).toString();
    }

    /**
     * The one-digit decimal that reads back as {@code magnitude}, if there is one (the closer of the two around it
     * when both do), else null. Java only ever prints two digits where one would do, never more.
     */
    private static BigDecimal oneDigitAlternative(double magnitude, String digits, int decpt) {
        int first = digits.charAt(0) - '0';
        // 0.d x 10^decpt is d x 10^(decpt-1): a BigDecimal with unscaled d and scale 1-decpt.
        BigDecimal down = BigDecimal.valueOf(first, 1 - decpt);
        BigDecimal up = BigDecimal.valueOf(first + 1L, 1 - decpt).stripTrailingZeros();
        boolean downWorks = down.doubleValue() == magnitude;
        boolean upWorks = up.doubleValue() == magnitude;
        if (downWorks && upWorks) {
            BigDecimal exact = new BigDecimal(magnitude);
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            return cmp < 0 || (cmp == 0 && first % 2 == 0) ? down : up;
        }
        return downWorks ? down : upWorks ? up : null;
    }

    private static StringBuilder format(StringBuilder out, String digits, int decpt) {
        if (decpt <= -4 || decpt > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = decpt - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs);
        }
        if (decpt <= 0) {
            out.append("0.");
            out.repeat('0', -decpt);
            return out.append(digits);
        }
        if (decpt < digits.length()) {
            return out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        out.append(digits);
        out.repeat('0', decpt - digits.length());
        return out.append(".0");
    }
}
