package io.ifastapi.params;

import io.ifastapi.http.HTTPException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs of a request did not validate (FastAPI's {@code RequestValidationError}): answered 422 with every error
 * found, {@code {"detail": [{"type", "loc", "msg", "input", "ctx"}, ...]}}. Register an exception handler for this
 * class to answer differently.
 */
public final class RequestValidationError extends HTTPException {
    private final transient List<ValidationError> errors;

    public RequestValidationError(List<ValidationError> errors) {
        super(422, details(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static List<Map<String, Object>> details(List<ValidationError> errors) {
        List<Map<String, Object>> detail = new ArrayList<>(errors.size());
        for (ValidationError error : errors) {
            detail.add(error.toJson());
        }
        return detail;
    }
}
