package io.ifastapi.security;

/** What {@link HTTPBasic} provides: the user name and password of an {@code Authorization: Basic} header. */
public record HTTPBasicCredentials(String username, String password) {
    @Override
    public String toString() {
        return "HTTPBasicCredentials[username=" + username + ", password=***]";
    }
}
