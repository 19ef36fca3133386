package io.ifastapi.middleware;

import io.ifastapi.http.Handler;
import io.ifastapi.http.Headers;
import io.ifastapi.http.Middleware;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Cross-Origin Resource Sharing, as Starlette's CORSMiddleware: answers preflight requests ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) itself, and adds the {@code Access-Control-*} headers to
 * the responses of cross-origin requests.
 *
 * <pre>{@code
 * app.addMiddleware(CORSMiddleware.builder()
 *         .allowOrigins("https://shop.example")
 *         .allowCredentials(true)
 *         .allowMethods("GET", "POST")
 *         .build());
 * }</pre>
 *
 * A preflight that asks for an origin, method, header or private-network access that is not allowed gets a 400
 * whose text names what failed ({@code Disallowed CORS origin, method}); browsers enforce CORS, the 400 only makes
 * the refusal easy to see. Options and defaults are Starlette's: see {@link Builder}.
 */
public final class CORSMiddleware implements Middleware {
    /** The methods {@code allowMethods("*")} stands for. */
    public static final List<String> ALL_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY");
    /** Headers a browser may send without asking (the CORS safelist); always allowed. */
    public static final Set<String> SAFELISTED_HEADERS = Set.of("Accept", "Accept-Language", "Content-Language", "Content-Type");
    private static final String PREFLIGHT_VARY =
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network";

    private final Set<String> allowOrigins;
    private final Pattern allowOriginRegex;
    private final List<String> allowMethods;
    private final Set<String> allowHeadersLower;
    private final boolean allowAllOrigins;
    private final boolean allowAllHeaders;
    private final boolean allowCredentials;
    private final boolean allowPrivateNetwork;
    private final boolean preflightExplicitAllowOrigin;
    private final Map<String, String> simpleHeaders;
    private final Map<String, String> preflightHeaders;

    private CORSMiddleware(Builder b) {
        this.allowMethods = b.allowMethods.contains("*") ? ALL_METHODS : List.copyOf(b.allowMethods);
        this.allowOriginRegex = b.allowOriginRegex == null ? null : Pattern.compile(b.allowOriginRegex);
        this.allowOrigins = Set.copyOf(b.allowOrigins);
        this.allowAllOrigins = b.allowOrigins.contains("*");
        this.allowAllHeaders = b.allowHeaders.contains("*");
        this.allowCredentials = b.allowCredentials;
        this.allowPrivateNetwork = b.allowPrivateNetwork;
        this.preflightExplicitAllowOrigin = !allowAllOrigins || allowCredentials;

        Map<String, String> simple = new LinkedHashMap<>();
        if (allowAllOrigins) {
            simple.put("Access-Control-Allow-Origin", "*");
        }
        if (allowCredentials) {
            simple.put("Access-Control-Allow-Credentials", "true");
        }
        if (!b.exposeHeaders.isEmpty()) {
            simple.put("Access-Control-Expose-Headers", String.join(", ", b.exposeHeaders));
        }
        this.simpleHeaders = Map.copyOf(simple);

        Map<String, String> preflight = new LinkedHashMap<>();
        preflight.put("Vary", PREFLIGHT_VARY);
        if (!preflightExplicitAllowOrigin) {
            preflight.put("Access-Control-Allow-Origin", "*");
        }
        preflight.put("Access-Control-Allow-Methods", String.join(", ", allowMethods));
        preflight.put("Access-Control-Max-Age", Integer.toString(b.maxAge));
        // sorted as Python sorts strings: by code point, which is String's natural order
        TreeSet<String> headers = new TreeSet<>(SAFELISTED_HEADERS);
        headers.addAll(b.allowHeaders);
        if (!allowAllHeaders) {
            preflight.put("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        if (allowCredentials) {
            preflight.put("Access-Control-Allow-Credentials", "true");
        }
        this.preflightHeaders = preflight;
        Set<String> lower = new java.util.HashSet<>();
        headers.forEach(h -> lower.add(h.toLowerCase(Locale.ROOT)));
        this.allowHeadersLower = Set.copyOf(lower);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Never blocks: header checks and writes only. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public Response handle(Request request, Handler next) throws Exception {
        String origin = request.header("origin");
        if (origin != null && request.method().equals("OPTIONS") && request.headers().contains("access-control-request-method")) {
            return preflight(request.headers(), origin);
        }
        Response response = next.handle(request);
        if (origin == null) {
            // Starlette 1.x marks every response as varying by Origin, CORS request or not
            appendVaryOrigin(response.headers());
            return response;
        }
        Headers headers = response.headers();
        simpleHeaders.forEach(headers::set);
        if (allowAllOrigins && allowCredentials) {
            // with credentials the browser refuses "*": name the origin
            headers.set("Access-Control-Allow-Origin", origin);
            appendVaryOrigin(headers);
        } else if (!allowAllOrigins && isAllowedOrigin(origin)) {
            headers.set("Access-Control-Allow-Origin", origin);
            appendVaryOrigin(headers);
        } else {
            appendVaryOrigin(headers);
        }
        return response;
    }

    /** True when this origin may read responses: listed, matched by the whole regex, or any with {@code "*"}. */
    public boolean isAllowedOrigin(String origin) {
        if (allowAllOrigins) {
            return true;
        }
        if (allowOriginRegex != null && allowOriginRegex.matcher(origin).matches()) {
            return true;
        }
        return allowOrigins.contains(origin);
    }

    private Response preflight(Headers request, String origin) {
        String method = request.get("access-control-request-method");
        String requestedHeaders = request.get("access-control-request-headers");
        String privateNetwork = request.get("access-control-request-private-network");
        Map<String, String> headers = new LinkedHashMap<>(preflightHeaders);
        List<String> failures = new ArrayList<>(4);

        if (isAllowedOrigin(origin)) {
            if (preflightExplicitAllowOrigin) {
                headers.put("Access-Control-Allow-Origin", origin);
            }
        } else {
            failures.add("origin");
        }
        if (!allowMethods.contains(method)) { // case-sensitive, as HTTP methods are
            failures.add("method");
        }
        if (allowAllHeaders && requestedHeaders != null) {
            headers.put("Access-Control-Allow-Headers", requestedHeaders);
        } else if (requestedHeaders != null) {
            for (String header : requestedHeaders.split(",", -1)) {
                if (!allowHeadersLower.contains(header.toLowerCase(Locale.ROOT).strip())) {
                    failures.add("headers");
                    break;
                }
            }
        }
        if (privateNetwork != null) {
            if (allowPrivateNetwork) {
                headers.put("Access-Control-Allow-Private-Network", "true");
            } else {
                failures.add("private-network");
            }
        }
        Response response = failures.isEmpty()
                ? Response.text("OK", 200)
                : Response.text("Disallowed CORS " + String.join(", ", failures), 400);
        headers.forEach(response.headers()::set);
        return response;
    }

    /** Starlette appends "Origin" to whatever Vary says, as one header. */
    private static void appendVaryOrigin(Headers headers) {
        List<String> vary = new ArrayList<>(headers.getAll("vary"));
        vary.add("Origin");
        headers.set("Vary", String.join(", ", vary));
    }

    /** CORSMiddleware's options, with Starlette's defaults. */
    public static final class Builder {
        private final List<String> allowOrigins = new ArrayList<>();
        private final List<String> allowMethods = new ArrayList<>(List.of("GET"));
        private final List<String> allowHeaders = new ArrayList<>();
        private final List<String> exposeHeaders = new ArrayList<>();
        private String allowOriginRegex;
        private boolean allowCredentials;
        private boolean allowPrivateNetwork;
        private int maxAge = 600;

        private Builder() {
        }

        /** Origins allowed to read responses, e.g. {@code "https://shop.example"}, or {@code "*"} for any. Default none. */
        public Builder allowOrigins(String... origins) {
            return allowOrigins(Arrays.asList(origins));
        }

        public Builder allowOrigins(List<String> origins) {
            allowOrigins.clear();
            allowOrigins.addAll(origins);
            return this;
        }

        /** A regular expression an origin must match as a whole, e.g. {@code https://[a-z]+\.partner\.example}. */
        public Builder allowOriginRegex(String regex) {
            this.allowOriginRegex = regex;
            return this;
        }

        /** Methods a cross-origin request may use ({@code "*"}: all). Default {@code GET} only. */
        public Builder allowMethods(String... methods) {
            return allowMethods(Arrays.asList(methods));
        }

        public Builder allowMethods(List<String> methods) {
            allowMethods.clear();
            allowMethods.addAll(methods);
            return this;
        }

        /** Request headers a cross-origin request may send besides the safelisted ones ({@code "*"}: any). Default none. */
        public Builder allowHeaders(String... headers) {
            return allowHeaders(Arrays.asList(headers));
        }

        public Builder allowHeaders(List<String> headers) {
            allowHeaders.clear();
            allowHeaders.addAll(headers);
            return this;
        }

        /** Allow cookies and Authorization on cross-origin requests. Default false. */
        public Builder allowCredentials(boolean allow) {
            this.allowCredentials = allow;
            return this;
        }

        /** Answer Chrome's Private Network Access preflights ({@code Access-Control-Request-Private-Network}). Default false. */
        public Builder allowPrivateNetwork(boolean allow) {
            this.allowPrivateNetwork = allow;
            return this;
        }

        /** Response headers the browser lets scripts read. Default none. */
        public Builder exposeHeaders(String... headers) {
            return exposeHeaders(Arrays.asList(headers));
        }

        public Builder exposeHeaders(List<String> headers) {
            exposeHeaders.clear();
            exposeHeaders.addAll(headers);
            return this;
        }

        /** How long browsers may cache a preflight answer, in seconds. Default 600. */
        public Builder maxAge(int seconds) {
            this.maxAge = seconds;
            return this;
        }

        public CORSMiddleware build() {
            for (List<String> list : List.of(allowOrigins, allowMethods, allowHeaders, exposeHeaders)) {
                if (list.contains(null)) {
                    throw new IllegalArgumentException("CORSMiddleware options must not contain null: " + list);
                }
            }
            if (allowOriginRegex != null) {
                try {
                    Pattern.compile(allowOriginRegex);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IllegalArgumentException("CORSMiddleware.allowOriginRegex is not a valid regular expression: "
                            + e.getMessage(), e);
                }
            }
            return new CORSMiddleware(this);
        }
    }
}
