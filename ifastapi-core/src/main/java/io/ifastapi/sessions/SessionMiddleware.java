package io.ifastapi.sessions;

import io.ifastapi.internal.ServerRequest;
import io.ifastapi.json.JsonCodec;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.SameSite;
import io.ifastapi.middleware.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives every request a session ({@code request.session()}), kept in a signed cookie compatible with Starlette's by
 * default, in an encrypted cookie, or in a server-side {@link SessionStore}:
 *
 * <pre>{@code
 * app.addMiddleware(SessionMiddleware.builder()
 *         .secretKey(SecretKey.fromEnv("SECRET_KEY"))
 *         .build());
 * }</pre>
 *
 * The session is loaded on first use, so a handler that never touches it costs nothing. After the handler, the
 * cookie is sent only when the session changed (by content, nested values included), cleared when a session that came
 * in was emptied, and {@code Vary: Cookie} is added whenever the session was read. The session is saved even when
 * the handler fails. Options and defaults are Starlette's: see {@link Builder}.
 */
public final class SessionMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(SessionMiddleware.class);

    private final SessionCookie cookie;
    private final SessionBackend backend;
    private final boolean rolling;
    private final TrustedProxies trustedProxies;
    private final AtomicBoolean insecureWarned = new AtomicBoolean();

    private SessionMiddleware(SessionCookie cookie, SessionBackend backend, boolean rolling, TrustedProxies proxies) {
        this.cookie = cookie;
        this.backend = backend;
        this.rolling = rolling;
        this.trustedProxies = proxies;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Cookie sessions never block, nor does a {@link MemorySessionStore}; a store over the network (Redis) does, and
     * keeps requests that pass here on virtual threads.
     */
    @Override
    public boolean nonBlocking() {
        return backend.nonBlocking();
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        String cookieValue = request.cookie(cookie.name());
        SessionBackend.Commit commit = new SessionBackend.Commit();
        JsonCodec json = request.app().json();
        ServerRequest.of(request).attachSession(() -> backend.load(cookieValue, commit, json));
        if (request.isWebSocket()) {
            // ws.session() reads the handshake's session. Nothing is saved: no Set-Cookie can follow a handshake
            // (Starlette's behaviour), and a store session written from a long-lived socket would overwrite what
            // the user's HTTP requests changed meanwhile.
            return next.handle(request);
        }
        Response response;
        try {
            response = next.handle(request);
        } catch (Throwable failure) {
            if (!request.sessionLoaded()) {
                throw failure;
            }
            // Save what the handler did before it failed (Starlette loses it): render the error here, then save.
            response = request.app().errorResponse(request, failure);
        }
        if (!request.sessionLoaded()) {
            if (!rolling || cookieValue == null) {
                return response;
            }
            // rolling: an untouched session is re-issued too, so it must be checked. The handler did not need the
            // session, so a store that cannot refresh it now (503) must not fail the request: skip the refresh.
            try {
                return save(request, response, commit);
            } catch (HTTPException storeUnavailable) {
                return response;
            }
        }
        return save(request, response, commit);
    }

    /** WebSocket handshakes get the session too (read-only), as Starlette's SessionMiddleware serves websocket scopes. */
    @Override
    public boolean handlesWebSockets() {
        return true;
    }

    private Response save(Request request, Response response, SessionBackend.Commit commit) {
        response.headers().addToken("vary", "Cookie");
        String header = backend.save((SessionData) request.session(), commit, rolling);
        if (header != null) {
            if (cookie.httpsOnly() && !secureContext(request)) {
                warnInsecure(request);
            } else {
                response.headers().add("set-cookie", header);
            }
        }
        return response;
    }

    /**
     * Whether a Secure cookie can be set: the request came over https (directly or, per a trusted proxy, to the
     * proxy), or to localhost, which browsers treat as secure. Elsewhere browsers refuse Secure cookies over http.
     */
    private boolean secureContext(Request request) {
        if ("https".equals(trustedProxies.effectiveScheme(request))) {
            return true;
        }
        String host = request.url().host();
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    private void warnInsecure(Request request) {
        if (insecureWarned.compareAndSet(false, true)) {
            LOG.warn("https_only is on, but {} came over plain http, so no session cookie was sent (browsers refuse "
                    + "Secure cookies from http pages). Serve over https, or if a TLS-terminating proxy is in front, "
                    + "trust it: SessionMiddleware.builder().trustedProxies(\"<proxy ip>\"). Logged once.", request);
        }
    }

    /** The options, with Starlette's defaults. */
    public static final class Builder {
        /** Starlette's default max_age: 14 days. */
        public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(14);
        /** With a store: how long a new session lives until its second request; see {@link #newSessionTtl}. */
        public static final Duration DEFAULT_NEW_SESSION_TTL = Duration.ofMinutes(10);

        private final List<SecretKey> keys = new ArrayList<>();
        private String cookieName = "session";
        private Duration maxAge = DEFAULT_MAX_AGE;
        private String path = "/";
        private SameSite sameSite = SameSite.LAX;
        private boolean httpsOnly;
        private String domain;
        private boolean rolling;
        private boolean encrypted;
        private boolean strictKeys;
        private SessionStore store;
        private SessionStore revocations;
        private Duration absoluteLifetime;
        private Duration newSessionTtl = DEFAULT_NEW_SESSION_TTL;
        private TrustedProxies trustedProxies = TrustedProxies.none();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The key that signs (and, with {@link #encrypted}, encrypts) the cookie. Required. */
        public Builder secretKey(SecretKey key) {
            keys.clear();
            keys.add(key);
            return this;
        }

        /** Starlette's {@code secret_key="..."}, as a string. */
        public Builder secretKey(String key) {
            return secretKey(SecretKey.of(key));
        }

        /**
         * Key rotation: the first key signs, every key verifies, and a cookie signed with an older key is re-issued
         * under the first on the first request that reads the session. Drop an old key once max_age has passed since
         * you added the new one.
         */
        public Builder secretKeys(List<SecretKey> rotation) {
            keys.clear();
            keys.addAll(rotation);
            return this;
        }

        /** The cookie's name; default {@code session}. */
        public Builder cookieName(String name) {
            this.cookieName = name;
            return this;
        }

        /**
         * How long a session lasts: the cookie's Max-Age, the signature's maximum age and a store's idle time to live.
         * Default 14 days. {@code null}: a browser-session cookie with no age check (a store still expires sessions
         * after 14 idle days). For cookie sessions, as in Starlette, a negative max age refuses every cookie.
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public Builder maxAge(long seconds) {
            return maxAge(Duration.ofSeconds(seconds));
        }

        /** The cookie's path; default {@code /}. For a mounted sub-app, its mount path. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** lax (default), strict or none. */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = sameSite;
            return this;
        }

        public Builder sameSite(String sameSite) {
            return sameSite(SameSite.parse(sameSite));
        }

        /** Marks the cookie Secure: browsers send it only over https. Default false. */
        public Builder httpsOnly(boolean httpsOnly) {
            this.httpsOnly = httpsOnly;
            return this;
        }

        /** The cookie's Domain, to share it with subdomains; default none (this host only). */
        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** Re-issue the cookie on every response while the session is non-empty, so that expiry slides. */
        public Builder rolling(boolean rolling) {
            this.rolling = rolling;
            return this;
        }

        /** Encrypt the cookie (AES-256-GCM) instead of only signing it: the user cannot read what is inside. */
        public Builder encrypted(boolean encrypted) {
            this.encrypted = encrypted;
            return this;
        }

        /** Keep sessions in a store; the cookie then carries only a signed random id. */
        public Builder store(SessionStore store) {
            this.store = store;
            return this;
        }

        /**
         * Cookie sessions: a server-side revocation list, so that a session ended at logout or login cannot come
         * back. A stateless cookie cannot be deleted: a stolen copy, or the late Set-Cookie of a slow request that was
         * still running at logout, would otherwise restore the old session in full. With this option each cookie
         * session carries a hidden random id; when the session is invalidated, emptied ({@code clear()}) or given a new
         * id ({@code regenerateId()}), its id is kept in {@code revocations} for max_age, and a cookie with a revoked
         * id reads as no session (and is cleared). Costs one lookup per request that reads the session. Give it a store
         * of its own (its own Redis key prefix, say), not the one of a store-backed app, and a max_age: revocations
         * last that long. The cookie then holds the field {@code _ifastapi.sid}, which Starlette apps sharing the
         * cookie would see. Default none: the cookie is Starlette's to the byte.
         */
        public Builder revocations(SessionStore revocations) {
            this.revocations = revocations;
            return this;
        }

        /** With a store: end a session this long after it was created, however active (besides max_age of idleness). */
        public Builder absoluteLifetime(Duration lifetime) {
            this.absoluteLifetime = lifetime;
            return this;
        }

        /**
         * With a store: the time to live of a session until it comes back, i.e. until the browser sends its cookie
         * once (default 10 minutes; never longer than max_age). The second request gives it the full max_age. Against
         * session floods: a client that creates sessions without ever returning (a bot, one anonymous client
         * writing a hundred thousand sessions) leaves only sessions that expire within this time, so Redis stays
         * bounded by (creation rate x this), and the memory store evicts such sessions before any that came back.
         */
        public Builder newSessionTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("newSessionTtl must be positive, got " + ttl
                        + "; to give new sessions the full max_age, pass the same value as maxAge");
            }
            this.newSessionTtl = ttl;
            return this;
        }

        /** Refuse keys under 32 bytes instead of warning about them. */
        public Builder strictKeys(boolean strict) {
            this.strictKeys = strict;
            return this;
        }

        /**
         * Proxies whose {@code X-Forwarded-Proto: https} makes a request count as https for {@link #httpsOnly}
         * (uvicorn's forwarded-allow-ips), e.g. {@code "127.0.0.1"} or {@code "*"}.
         */
        public Builder trustedProxies(String... hosts) {
            this.trustedProxies = TrustedProxies.of(hosts);
            return this;
        }

        public Builder trustedProxies(TrustedProxies proxies) {
            this.trustedProxies = proxies;
            return this;
        }

        /** The clock for timestamps and expiry (tests). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public SessionMiddleware build() {
            if (keys.isEmpty() || keys.contains(null)) {
                throw new InvalidSecretKeyException("SessionMiddleware needs a secret key to sign session cookies. "
                        + "Give it one: SessionMiddleware.builder().secretKey(SecretKey.fromEnv(\"SECRET_KEY\")), "
                        + "with SECRET_KEY set to the output of: java -jar ifastapi-cli.jar secret");
            }
            for (SecretKey key : keys) {
                if (key.isWeak()) {
                    String message = "The session secret key is " + key.length() + " bytes; use at least "
                            + SecretKey.RECOMMENDED_BYTES + " random bytes (java -jar ifastapi-cli.jar secret)";
                    if (strictKeys) {
                        throw new InvalidSecretKeyException(message + ". Refused because strictKeys is on.");
                    }
                    LOG.warn(message);
                }
            }
            SessionCookie cookie = new SessionCookie(cookieName, path, maxAge, sameSite, httpsOnly, domain);
            SessionBackend backend;
            if (store != null && revocations != null) {
                throw new IllegalStateException("revocations(...) is for cookie sessions; with store(...) a session "
                        + "ended at logout is deleted from the store itself. Remove one of the two.");
            }
            if (store != null) {
                Duration ttl = maxAge == null || maxAge.isNegative() || maxAge.isZero() ? DEFAULT_MAX_AGE : maxAge;
                backend = new StoreBackend(store, new SessionIdSigner(keys), cookie, ttl, newSessionTtl, absoluteLifetime,
                        clock);
            } else {
                SessionCodec codec = encrypted
                        ? new EncryptedCookieCodec(keys, maxAge, clock)
                        : new SignedCookieCodec(keys, maxAge, clock);
                if (revocations != null && (maxAge == null || maxAge.isNegative() || maxAge.isZero())) {
                    throw new IllegalStateException("revocations(...) keeps a revoked session id for max_age, so it "
                            + "needs a positive maxAge; got " + maxAge + ". Set one, e.g. .maxAge(Duration.ofDays(14)).");
                }
                backend = new CookieBackend(codec, cookie, revocations, maxAge);
            }
            return new SessionMiddleware(cookie, backend, rolling, trustedProxies);
        }
    }
}
