package io.ifastapi.security;

/**
 * {@link OAuth2PasswordRequestForm} with {@code grant_type} required, as the OAuth2 specification says (FastAPI's
 * {@code OAuth2PasswordRequestFormStrict}): a request without it is a 422 {@code missing} at
 * {@code ["body", "grant_type"]}.
 */
public class OAuth2PasswordRequestFormStrict extends OAuth2PasswordRequestForm {
    public OAuth2PasswordRequestFormStrict() {
        super(true);
    }
}
