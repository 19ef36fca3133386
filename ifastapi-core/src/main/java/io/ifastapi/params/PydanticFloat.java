package io.ifastapi.params;

import io.ifastapi.json.PythonFloat;

import java.math.BigDecimal;

/**
 * A float field of a response model, written as FastAPI writes it there. FastAPI 0.14x serializes a
 * {@code response_model} with pydantic-core (Rust), whose float text differs from Python's {@code json.dumps} for
 * small numbers: {@code 0.00001} and {@code 1e-7} where Python writes {@code 1e-05} and {@code 1e-07}; everything
 * else is Python's repr. Jackson writes a {@link Number} it does not know by its {@link #toString()}, as is.
 */
final class PydanticFloat extends Number {
    private final double value;
    private final String text;

    private PydanticFloat(double value) {
        this.value = value;
        this.text = text(value);
    }

    /** The value wrapped, or returned as is when it is not a finite float. */
    static Object of(Object value) {
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            double d = value instanceof Float f ? Double.parseDouble(Float.toString(f)) : (Double) value;
            return new PydanticFloat(d);
        }
        return value;
    }

    static String text(double value) {
        String repr = PythonFloat.repr(value);
        int e = repr.indexOf("e-");
        if (e < 0) {
            return repr;
        }
        int exponent = Integer.parseInt(repr.substring(e + 2));
        // pydantic-core writes decimals down to 1e-5, and exponents without Python's zero padding
        return exponent <= 5 ? new BigDecimal(repr).toPlainString() : repr.substring(0, e + 2) + exponent;
    }

    @Override
    public int intValue() {
        return (int) value;
    }

    @Override
    public long longValue() {
        return (long) value;
    }

    @Override
    public float floatValue() {
        return (float) value;
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PydanticFloat p && Double.compare(p.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }
}
