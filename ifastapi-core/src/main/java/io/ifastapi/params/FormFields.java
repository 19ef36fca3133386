package io.ifastapi.params;

import java.util.List;

/**
 * Implemented by a dependency provider that reads form fields itself (from {@code request.form()}) rather than
 * through a record of its inputs, such as {@code OAuth2PasswordRequestForm}: the fields it reads, each a
 * {@link Parameter} located "form", so the OpenAPI document can describe the route's request body as FastAPI does
 * (an {@code application/x-www-form-urlencoded} object with these properties).
 */
public interface FormFields {

    /** The form fields read, in order, with their types, whether required, defaults and constraints. */
    List<Parameter> formFields();
}
