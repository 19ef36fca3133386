package io.ifastapi.authentication;

import io.ifastapi.http.AuthCredentials;
import io.ifastapi.http.Request;
import io.ifastapi.http.Session;
import io.ifastapi.http.SessionNotInstalledException;
import io.ifastapi.http.User;
import io.ifastapi.middleware.CsrfToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The logged-in user's id kept in the session: {@link #login} puts it there, {@link #logout} ends the session, and
 * each request's user is loaded from it by your lookup. Every user found gets the scope {@value #AUTHENTICATED},
 * plus whatever {@link #scopes} adds (roles: {@code admin}).
 *
 * <pre>{@code
 * var backend = new SessionAuthenticationBackend(id -> users.find(id))
 *         .scopes(user -> ((AppUser) user).roles());
 * app.addMiddleware(new AuthenticationMiddleware(backend));
 *
 * app.post("/login", request -> {
 *     AppUser user = users.check(form.get("username"), form.get("password"));   // null when wrong
 *     SessionAuthenticationBackend.login(request, user.identity());            // new session id, new CSRF token
 *     return Response.redirect(NextUrl.orDefault(form.get("next"), "/"), 303);
 * });
 * }</pre>
 *
 * Works with every session backend. A user id whose user no longer exists is removed from the session.
 */
public final class SessionAuthenticationBackend implements AuthenticationBackend {
    /** The session key holding the user's id. */
    public static final String SESSION_KEY = "_auth_user_id";
    /** The scope every authenticated request has. */
    public static final String AUTHENTICATED = "authenticated";

    private final Function<String, ? extends Optional<? extends User>> users;
    private final Function<User, ? extends Collection<String>> scopes;

    /** @param users finds a user by the id given to {@link #login}; empty when it no longer exists */
    public SessionAuthenticationBackend(Function<String, ? extends Optional<? extends User>> users) {
        this(users, user -> Set.of());
    }

    private SessionAuthenticationBackend(Function<String, ? extends Optional<? extends User>> users,
                                         Function<User, ? extends Collection<String>> scopes) {
        this.users = Objects.requireNonNull(users, "users");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
    }

    /** Scopes granted to a user besides {@value #AUTHENTICATED} (its roles, say). */
    public SessionAuthenticationBackend scopes(Function<User, ? extends Collection<String>> scopes) {
        return new SessionAuthenticationBackend(users, scopes);
    }

    @Override
    public Optional<AuthResult> authenticate(Request request) {
        Session session = session(request);
        if (!(session.get(SESSION_KEY) instanceof String id)) {
            return Optional.empty();
        }
        Optional<? extends User> user = users.apply(id);
        if (user.isEmpty()) {
            session.remove(SESSION_KEY); // the account is gone: stop looking it up on every request
            return Optional.empty();
        }
        Set<String> granted = new LinkedHashSet<>();
        granted.add(AUTHENTICATED);
        granted.addAll(scopes.apply(user.get()));
        return Optional.of(new AuthResult(new AuthCredentials(granted), user.get()));
    }

    /**
     * Logs a user in (OWASP's session management rules): what the session held before is dropped (a planted session
     * gains nothing), the session gets a new id (server-side stores; a cookie session is re-issued), the CSRF token
     * is renewed, then the user's id is stored. Call it once the password checked out, then redirect.
     */
    public static void login(Request request, String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("login needs the user's id, got '" + userId + "'");
        }
        Session session = session(request);
        session.clear();
        session.regenerateId();
        CsrfToken.rotate(request);
        session.put(SESSION_KEY, userId);
    }

    /**
     * Logs out: the session ends (its data dropped, the cookie cleared, a server-side session deleted). A flash
     * message added after this call goes into a fresh session.
     */
    public static void logout(Request request) {
        session(request).invalidate();
    }

    private static Session session(Request request) {
        try {
            return request.session();
        } catch (SessionNotInstalledException e) {
            throw new IllegalStateException("SessionAuthenticationBackend keeps the user id in the session: add "
                    + "SessionMiddleware after AuthenticationMiddleware (the last added runs first)", e);
        }
    }
}
