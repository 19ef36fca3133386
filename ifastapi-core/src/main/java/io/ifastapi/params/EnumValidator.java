package io.ifastapi.params;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An enum, read by value like a pydantic {@code str} Enum: the value of a constant is what Jackson writes for it,
 * the result of its {@code @JsonValue} method, or else its name. Matching is exact (case included), as in pydantic.
 */
final class EnumValidator implements Validator {
    private final Map<String, Object> byValue = new LinkedHashMap<>();
    private final Map<String, Object> ctx;
    private final String message;

    EnumValidator(Class<?> type) {
        Method valueMethod = null;
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                valueMethod = method;
            }
        }
        for (Object constant : type.getEnumConstants()) {
            String value;
            try {
                value = valueMethod == null ? ((Enum<?>) constant).name()
                        : String.valueOf(valueMethod.invoke(constant));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot read the @JsonValue of " + constant + " in " + type, e);
            }
            byValue.put(value, constant);
        }
        String expected = expected(List.copyOf(byValue.keySet()));
        this.ctx = Map.of("expected", expected);
        this.message = "Input should be " + expected;
    }

    /** pydantic's list of choices: 'a', 'b' or 'c'. */
    static String expected(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(i == values.size() - 1 ? " or " : ", ");
            }
            out.append('\'').append(values.get(i)).append('\'');
        }
        return out.toString();
    }

    List<String> values() {
        return List.copyOf(byValue.keySet());
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        Object constant = byValue.get(raw);
        return constant != null ? constant : errors.add("enum", message, raw, ctx);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        Object constant = node.isTextual() ? byValue.get(node.textValue()) : null;
        return constant != null ? constant : errors.add("enum", message, JsonInput.of(node), ctx);
    }
}
