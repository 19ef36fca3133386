package io.ifastapi.params;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An uploaded file of a {@code multipart/form-data} body (FastAPI's {@code File()}), on a component of type
 * {@link io.ifastapi.forms.UploadFile}, {@code Optional<UploadFile>} or {@code List<UploadFile>}. A scalar takes the
 * last upload sent under the name, a {@code List} every one. A text value where a file is expected is FastAPI's
 * {@code value_error} "Expected UploadFile".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface File {
    /** The part's name in the form (FastAPI's {@code alias}), when it differs from the component's. */
    String value() default "";
}
