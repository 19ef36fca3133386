package io.ifastapi.forms;

/**
 * A form body that cannot be parsed or breaks a limit. {@code Request.form()} answers it as an HTTP error with this
 * status and detail, as Starlette does: 400 with its words for malformed bodies and its own limits, 413 for the
 * size limits Starlette does not have. This package sits below the HTTP layer, hence its own exception type.
 */
public final class FormException extends RuntimeException {
    static final String INVALID = "Invalid multipart data.";

    private final int status;

    public FormException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }

    static FormException invalid() {
        return new FormException(400, INVALID);
    }
}
