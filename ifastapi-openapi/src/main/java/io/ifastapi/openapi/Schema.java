package io.ifastapi.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a record, an enum or a record component in the generated JSON Schema, without Javadoc (which is gone at
 * run time): {@code record Item(@Schema(description = "Shown in the shop") String name) {}}. pydantic's
 * {@code Field(description=...)} and a model's docstring.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Schema {

    /** The schema's {@code description}; empty for none. */
    String description() default "";

    /** The schema's {@code title}, replacing the generated one ("Item Id" for item_id); empty for the generated. */
    String title() default "";

    /**
     * Example values, each written as JSON ({@code "42"}, {@code "\"Dune\""}, {@code "{\"name\": \"Dune\"}"}); a
     * text that is not JSON is taken as a string. pydantic's {@code Field(examples=[...])}: JSON Schema's
     * {@code examples}.
     */
    String[] examples() default {};
}
