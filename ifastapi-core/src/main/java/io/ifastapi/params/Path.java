package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A path parameter (FastAPI's {@code Path()}): the template's {@code {name}}, converted to the component's type and
 * checked; a value that does not fit is a 422 with {@code loc ["path", name]}. A component named like a template
 * parameter is a path parameter even without this annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Path {
    /** The template's parameter name, when it differs from the component's. */
    String value() default "";
}
