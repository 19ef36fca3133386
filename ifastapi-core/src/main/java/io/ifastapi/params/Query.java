package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query parameter (FastAPI's {@code Query()}). A scalar takes the last value of a repeated parameter, as FastAPI
 * does ({@code ?limit=0&limit=5} is 5); a {@code List} or {@code Set} takes every value ({@code ?tag=a&tag=b}). Unannotated scalar components of a parameter record are query parameters too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Query {
    /** The name in the URL (FastAPI's {@code alias}), when it differs from the component's. */
    String value() default "";
}
