package io.ifastapi.security;

/** What {@link HTTPBearer} provides: the scheme as sent ("Bearer") and the token. */
public record HTTPAuthorizationCredentials(String scheme, String credentials) {
    @Override
    public String toString() {
        return "HTTPAuthorizationCredentials[scheme=" + scheme + ", credentials=***]";
    }
}
