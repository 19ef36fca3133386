package io.ifastapi.sessions;

/**
 * A secret key is missing, empty or otherwise unusable.
 *
 * <p>It extends {@link IllegalStateException} because it almost always means the application is misconfigured
 * (an environment variable was not exported), not that a caller passed a bad argument at run time; start-up code
 * that already catches {@code IllegalStateException} keeps working.
 */
public class InvalidSecretKeyException extends IllegalStateException {

    public InvalidSecretKeyException(String message) {
        super(message);
    }
}
