package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON request body, validated into the component's type (a record, a list of records, ...), errors located at
 * {@code ["body", ...]}. A route whose whole input record has no parameter annotation takes that record as its body,
 * as FastAPI takes a pydantic model; use {@code @Body} to take the body beside path, query or header parameters.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Body {

}
