package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query parameter (FastAPI's {@code Query()}). A {@code List} or {@code Set} takes every value of a repeated
 * parameter ({@code ?tag=a&tag=b}). Unannotated scalar components of a parameter record are query parameters too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Query {
    /** The name in the URL (FastAPI's {@code alias}), when it differs from the component's. */
    String value() default "";
}
