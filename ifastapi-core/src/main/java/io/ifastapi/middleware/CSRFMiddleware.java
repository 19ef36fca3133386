package io.ifastapi.middleware;

import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Handler;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.Session;
import io.ifastapi.http.SessionNotInstalledException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cross-site request forgery protection bound to the session (Starlette has none). Every request with an unsafe
 * method (anything but GET, HEAD, OPTIONS, TRACE) must carry the session's token, masked, from {@link CsrfToken#of}:
 * in the form field {@code csrf_token} of an urlencoded form, or in the {@code X-CSRF-Token} header (fetch, htmx).
 * As defence in depth, a request whose {@code Origin} is another site's, or whose {@code Sec-Fetch-Site} is
 * {@code cross-site}, is refused before the token is even looked at.
 *
 * <pre>{@code
 * app.addMiddleware(CSRFMiddleware.builder().exempt("/webhooks/*").build());
 * app.addMiddleware(SessionMiddleware.builder().secretKey(key).build());   // added after: runs first
 * }</pre>
 *
 * A refusal is a 403 through the app's exception handlers (by default {@code {"detail": "CSRF token missing"}}),
 * with one of the reasons {@link #TOKEN_MISSING}, {@link #TOKEN_INVALID}, {@link #CROSS_ORIGIN}, {@link #CROSS_SITE}.
 * It works with every session backend: the token's secret is one session value.
 */
public final class CSRFMiddleware implements Middleware {
    public static final String TOKEN_MISSING = "CSRF token missing";
    public static final String TOKEN_INVALID = "CSRF token invalid";
    public static final String CROSS_ORIGIN = "Cross-origin request refused";
    public static final String CROSS_SITE = "Cross-site request refused";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String fieldName;
    private final String headerName;
    private final List<String> exemptPaths;
    private final Predicate<Request> exemptWhen;
    private final Set<String> trustedOrigins;

    private CSRFMiddleware(Builder b) {
        this.fieldName = b.fieldName;
        this.headerName = b.headerName;
        this.exemptPaths = List.copyOf(b.exemptPaths);
        this.exemptWhen = b.exemptWhen;
        this.trustedOrigins = Set.copyOf(b.trustedOrigins);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        request.state().set(CsrfToken.FIELD_STATE, fieldName);
        if (SAFE_METHODS.contains(request.method()) || isExempt(request)) {
            return next.handle(request);
        }
        String refusal = refusal(request);
        if (refusal != null) {
            return request.app().errorResponse(request, new HTTPException(403, refusal));
        }
        return next.handle(request);
    }

    private String refusal(Request request) {
        String origin = request.header("origin");
        if (origin != null && !origin.equals("null")) {
            if (!origin.equalsIgnoreCase(request.url().origin()) && !trustedOrigins.contains(origin)) {
                return CROSS_ORIGIN + ": " + origin + " is not this site nor a trusted origin";
            }
        } else if ("cross-site".equalsIgnoreCase(request.header("sec-fetch-site"))) {
            return CROSS_SITE + " (Sec-Fetch-Site: cross-site)";
        }
        Session session;
        try {
            session = request.session();
        } catch (SessionNotInstalledException e) {
            throw new IllegalStateException("CSRFMiddleware keeps its token in the session: add SessionMiddleware "
                    + "after CSRFMiddleware (the last added runs first)", e);
        }
        String token = request.header(headerName);
        if (token == null && isUrlencodedForm(request)) {
            token = request.form().get(fieldName);
        }
        if (token == null || token.isBlank()) {
            return TOKEN_MISSING;
        }
        return CsrfToken.matches(session, token) ? null : TOKEN_INVALID;
    }

    private boolean isExempt(Request request) {
        String path = request.path();
        for (String exempt : exemptPaths) {
            boolean prefix = exempt.endsWith("*");
            if (prefix ? path.startsWith(exempt.substring(0, exempt.length() - 1)) : path.equals(exempt)) {
                return true;
            }
        }
        return exemptWhen != null && exemptWhen.test(request);
    }

    private static boolean isUrlencodedForm(Request request) {
        String type = request.header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** CSRFMiddleware's options. */
    public static final class Builder {
        private String fieldName = CsrfToken.DEFAULT_FIELD;
        private String headerName = "X-CSRF-Token";
        private final List<String> exemptPaths = new ArrayList<>();
        private Predicate<Request> exemptWhen;
        private final List<String> trustedOrigins = new ArrayList<>();

        private Builder() {
        }

        /** The form field carrying the token; default {@code csrf_token}. */
        public Builder fieldName(String name) {
            this.fieldName = name;
            return this;
        }

        /** The header carrying the token; default {@code X-CSRF-Token}. */
        public Builder headerName(String name) {
            this.headerName = name;
            return this;
        }

        /**
         * Paths not checked: exact ({@code /webhooks/stripe}) or a prefix ending in {@code *} ({@code /api/*}). For
         * routes that authenticate otherwise (a webhook signature, a bearer token), never for cookie-authenticated forms.
         */
        public Builder exempt(String... paths) {
            exemptPaths.addAll(Arrays.asList(paths));
            return this;
        }

        /** Requests not checked, decided per request (e.g. those carrying an Authorization header). */
        public Builder exemptWhen(Predicate<Request> predicate) {
            this.exemptWhen = predicate;
            return this;
        }

        /** Other origins allowed to post (e.g. {@code https://admin.example}); this site's own origin always is. */
        public Builder trustedOrigins(String... origins) {
            trustedOrigins.addAll(Arrays.asList(origins));
            return this;
        }

        public CSRFMiddleware build() {
            if (fieldName == null || fieldName.isBlank() || headerName == null || headerName.isBlank()) {
                throw new IllegalArgumentException("CSRFMiddleware needs a field name and a header name, got '"
                        + fieldName + "' and '" + headerName + "'");
            }
            for (String path : exemptPaths) {
                if (path == null || !path.startsWith("/")) {
                    throw new IllegalArgumentException("CSRFMiddleware.exempt paths start with '/', got '" + path + "'");
                }
            }
            for (String origin : trustedOrigins) {
                if (origin == null || !origin.matches("https?://[^/]+")) {
                    throw new IllegalArgumentException("CSRFMiddleware.trustedOrigins are scheme://host[:port], got '"
                            + origin + "'");
                }
            }
            return new CSRFMiddleware(this);
        }
    }
}
