package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value must be a multiple of this number (pydantic's {@code multiple_of}; Jakarta Validation has no equivalent):
 * {@code @MultipleOf("5") int step}, {@code @MultipleOf("0.5") double half}. A failure is a 422 {@code multiple_of}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD})
public @interface MultipleOf {
    String value();
}
