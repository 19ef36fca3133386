package io.ifastapi.middleware;

import io.ifastapi.http.Request;
import io.ifastapi.http.Session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of a session (OWASP's synchronizer token pattern): one secret of 32 random bytes kept in the session,
 * handed out masked. Each {@link #of(Request)} masks it with fresh random bytes ({@code mask || mask XOR secret}), so
 * the token in a page differs at every render and a compression side channel (BREACH) learns nothing from it; every
 * masked form of the secret is accepted.
 *
 * <pre>{@code
 * String token = CsrfToken.of(request);   // put it in a hidden field named "csrf_token", or send it as X-CSRF-Token
 * }</pre>
 */
public final class CsrfToken {
    /** The session key holding the secret. */
    public static final String SESSION_KEY = "_csrf_secret";
    static final int SECRET_BYTES = 32;
    /** The request state key where CSRFMiddleware leaves its form field's name, for templates' hidden inputs. */
    static final String FIELD_STATE = "ifastapi.csrf.field";
    /** The form field CSRFMiddleware reads unless configured otherwise. */
    public static final String DEFAULT_FIELD = "csrf_token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private CsrfToken() {
    }

    /** A fresh masked token for this session, creating the session's secret on first use. Needs SessionMiddleware. */
    public static String of(Request request) {
        byte[] secret = secret(request.session(), true);
        byte[] mask = new byte[SECRET_BYTES];
        RANDOM.nextBytes(mask);
        byte[] token = new byte[SECRET_BYTES * 2];
        System.arraycopy(mask, 0, token, 0, SECRET_BYTES);
        for (int i = 0; i < SECRET_BYTES; i++) {
            token[SECRET_BYTES + i] = (byte) (mask[i] ^ secret[i]);
        }
        return ENCODER.encodeToString(token);
    }

    /** The form field this request's CSRFMiddleware reads the token from ({@value #DEFAULT_FIELD} by default). */
    public static String fieldName(Request request) {
        return request.state().get(FIELD_STATE) instanceof String name ? name : DEFAULT_FIELD;
    }

    /**
     * Replaces the session's secret, so that tokens handed out before stop working. Call it at login, with
     * {@code session.regenerateId()} (OWASP: renew the token when the privilege level changes).
     */
    public static void rotate(Request request) {
        request.session().remove(SESSION_KEY);
        secret(request.session(), true);
    }

    /** True when {@code token} is a masked form of this session's secret (constant time in the token's content). */
    static boolean matches(Session session, String token) {
        byte[] secret = secret(session, false);
        if (secret == null || token == null) {
            return false;
        }
        byte[] raw;
        try {
            raw = DECODER.decode(token.strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (raw.length != SECRET_BYTES * 2) {
            return false;
        }
        byte[] unmasked = new byte[SECRET_BYTES];
        for (int i = 0; i < SECRET_BYTES; i++) {
            unmasked[i] = (byte) (raw[i] ^ raw[SECRET_BYTES + i]);
        }
        return MessageDigest.isEqual(unmasked, secret);
    }

    /** The session's secret; created when {@code create} and missing or unreadable, else null. */
    private static byte[] secret(Session session, boolean create) {
        if (session.get(SESSION_KEY) instanceof String stored) {
            try {
                byte[] secret = DECODER.decode(stored);
                if (secret.length == SECRET_BYTES) {
                    return secret;
                }
            } catch (IllegalArgumentException corrupt) {
                // replaced below
            }
        }
        if (!create) {
            return null;
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        session.put(SESSION_KEY, ENCODER.encodeToString(secret));
        return secret;
    }
}
