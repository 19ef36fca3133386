package io.ifastapi.params;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.lang.reflect.AnnotatedElement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A declaration's constraints under pydantic's names, for documentation (OpenAPI). */
final class Constraints {
    private Constraints() {
    }

    static Map<String, Object> describe(AnnotatedElement element) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            NumberBounds.of(element, false, "").describe(out);
        } catch (IllegalArgumentException ignored) {
            // reported when the validator was compiled
        }
        Size size = element.getAnnotation(Size.class);
        if (size != null) {
            if (size.min() > 0) out.put("min_length", size.min());
            if (size.max() < Integer.MAX_VALUE) out.put("max_length", size.max());
        }
        if (element.isAnnotationPresent(NotEmpty.class) || element.isAnnotationPresent(NotBlank.class)) {
            out.putIfAbsent("min_length", 1);
        }
        Pattern pattern = element.getAnnotation(Pattern.class);
        if (pattern != null) {
            out.put("pattern", pattern.regexp());
        }
        return Collections.unmodifiableMap(out);
    }
}
