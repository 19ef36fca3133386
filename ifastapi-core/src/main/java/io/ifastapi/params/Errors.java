package io.ifastapi.params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The errors of one request, collected (not just the first) while its inputs are bound, and the location being
 * validated. Validators return {@link #INVALID} after adding an error, so the caller knows to build nothing.
 */
public final class Errors {
    /** Returned by a validator that reported an error instead of producing a value. */
    public static final Object INVALID = new Object() {
        @Override
        public String toString() {
            return "INVALID";
        }
    };

    private final List<ValidationError> list = new ArrayList<>(2);
    private Object[] loc = new Object[8];
    private int depth;

    /** Enters a location step (a location name, a field name or a list index). */
    public void push(Object step) {
        if (depth == loc.length) {
            loc = Arrays.copyOf(loc, depth * 2);
        }
        loc[depth++] = step;
    }

    public void pop() {
        loc[--depth] = null;
    }

    /** Adds an error at the current location and returns {@link #INVALID}. */
    public Object add(String type, String msg, Object input, Map<String, Object> ctx) {
        list.add(new ValidationError(type, Arrays.asList(Arrays.copyOf(loc, depth)), msg, input, ctx));
        return INVALID;
    }

    /** Adds errors found elsewhere, located as they are (a provider's own {@link RequestValidationError}). */
    public void addAll(List<ValidationError> errors) {
        list.addAll(errors);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<ValidationError> list() {
        return list;
    }

    /** Throws the 422 when anything was reported. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new RequestValidationError(list);
        }
    }
}
