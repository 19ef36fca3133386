package io.ifastapi.params;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * What the OpenAPI generator shows of one record component (a body field): whether a request must carry it, its
 * default and its constraints, read from the same declarations the validator is compiled from, so the document
 * says what the binding does.
 *
 * @param required     true when the JSON must carry it (no {@link Default}, not {@code Optional})
 * @param defaultValue the default, converted (an {@code Optional} for an Optional component), or null
 * @param constraints  pydantic's names: ge, gt, le, lt, multiple_of, min_length, max_length, pattern
 */
public record FieldDoc(boolean required, Object defaultValue, Map<String, Object> constraints) {

    /** The documentation of {@code component}; fails as registering a route with it would. */
    public static FieldDoc of(RecordComponent component) {
        String where = component.getDeclaringRecord().getSimpleName() + "." + component.getName();
        RecordValidator.Field field = RecordValidator.field(component, component.getName(), where);
        return new FieldDoc(field.required(), field.defaultValue(), Constraints.describe(component.getAccessor()));
    }
}
