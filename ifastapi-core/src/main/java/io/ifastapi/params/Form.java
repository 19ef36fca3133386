package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of an HTML form (FastAPI's {@code Form()}), read from an {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data} body. A scalar takes the last value of a repeated field, as FastAPI does; a
 * {@code List} or {@code Set} takes every value. An empty value counts as absent (the default, or {@code missing}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Form {
    /** The field's name in the form (FastAPI's {@code alias}), when it differs from the component's. */
    String value() default "";
}
