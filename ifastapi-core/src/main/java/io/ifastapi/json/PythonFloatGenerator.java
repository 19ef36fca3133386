package io.ifastapi.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import java.io.IOException;

/**
 * Writes finite floats as Python's {@code json.dumps} does ({@code 0.0001}, {@code 1e-07}, {@code 1e+16}), where
 * Jackson writes Java's {@code Double.toString} ({@code 1.0E-4}): the same number, but FastAPI clients see Python's
 * text, and so do byte-for-byte comparisons. Non-finite values keep Jackson's handling.
 */
final class PythonFloatGenerator extends JsonGeneratorDelegate {
    PythonFloatGenerator(JsonGenerator delegate) {
        super(delegate, false);
    }

    @Override
    public void writeNumber(double value) throws IOException {
        if (Double.isFinite(value)) {
            delegate.writeNumber(PythonFloat.repr(value));
        } else {
            delegate.writeNumber(value);
        }
    }

    @Override
    public void writeNumber(float value) throws IOException {
        if (Float.isFinite(value)) {
            // the float's shortest decimal, read as Python would read it into its (double) float
            delegate.writeNumber(PythonFloat.repr(Double.parseDouble(Float.toString(value))));
        } else {
            delegate.writeNumber(value);
        }
    }
}
