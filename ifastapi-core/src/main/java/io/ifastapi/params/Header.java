package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request header (FastAPI's {@code Header()}). As in FastAPI the component's name is converted to a header name:
 * underscores become hyphens ({@code x_token} reads {@code x-token}), and so do camel humps ({@code requestId} reads
 * {@code request-id}); lookups ignore case. A {@code List} takes every value of a repeated header.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Header {
    /** The header name, used as is (FastAPI's {@code alias}). */
    String value() default "";

    /** False to read the component's name as written, underscores included (FastAPI's {@code convert_underscores}). */
    boolean convertUnderscores() default true;
}
