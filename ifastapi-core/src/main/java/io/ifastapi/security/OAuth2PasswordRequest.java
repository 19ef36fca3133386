package io.ifastapi.security;

import java.util.List;

/**
 * What {@link OAuth2PasswordRequestForm} provides: the fields of OAuth2's password-grant token request (RFC 6749,
 * section 4.3), as FastAPI's {@code OAuth2PasswordRequestForm} exposes them.
 *
 * @param grantType    "password", or null when the client sent none (never null from the strict form)
 * @param username     the user name, never null
 * @param password     the password, never null
 * @param scopes       the {@code scope} field split on whitespace; empty when none was sent
 * @param clientId     the client id sent in the form, or null (HTTP Basic client credentials are not read here)
 * @param clientSecret the client secret sent in the form, or null
 */
public record OAuth2PasswordRequest(String grantType, String username, String password, List<String> scopes,
                                    String clientId, String clientSecret) {

    public OAuth2PasswordRequest {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "OAuth2PasswordRequest[grantType=" + grantType + ", username=" + username + ", password=***, scopes="
                + scopes + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***") + "]";
    }
}
