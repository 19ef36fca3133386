package io.ifastapi.http;

/**
 * Raised by a handler to answer with an error status, as FastAPI's HTTPException: the response is
 * {@code {"detail": detail}} with the given status and headers. The detail may be any JSON-serialisable value.
 */
public class HTTPException extends RuntimeException {
    private final int status;
    private final transient Object detail;
    private final Headers headers;

    public HTTPException(int status) {
        this(status, HttpStatus.reason(status), null);
    }

    public HTTPException(int status, Object detail) {
        this(status, detail, null);
    }

    public HTTPException(int status, Object detail, Headers headers) {
        super(status + ": " + detail, null, false, false); // control flow, not a bug: no stack trace to fill
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        this.status = status;
        this.detail = detail;
        this.headers = headers == null ? new Headers() : headers;
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public Headers headers() {
        return headers;
    }
}
