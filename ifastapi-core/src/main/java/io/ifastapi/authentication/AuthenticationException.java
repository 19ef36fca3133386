package io.ifastapi.authentication;

/** Credentials that are present but wrong (a malformed header, an unknown token): Starlette's AuthenticationError. */
public class AuthenticationException extends Exception {
    public AuthenticationException(String message) {
        super(message);
    }
}
