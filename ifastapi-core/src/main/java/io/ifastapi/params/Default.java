package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value of an absent parameter or body field, written as it would arrive: {@code @Default("10") int limit},
 * {@code @Default("light") String theme}; for lists and nested records as JSON ({@code @Default("[]")}). Checked
 * when the route is registered, so a default that does not fit the type fails at startup, not per request.
 * Without it a component is required, except an {@code Optional} (absent means empty). On a bean used as a body,
 * put it on the field or on its setter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface Default {
    String value();
}
