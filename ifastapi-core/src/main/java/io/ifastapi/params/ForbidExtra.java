package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A body record that rejects fields it does not declare (pydantic's {@code model_config = ConfigDict(extra="forbid")}):
 * each one is a 422 {@code extra_forbidden}. Without it, undeclared fields are ignored, as in pydantic's default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ForbidExtra {

}
