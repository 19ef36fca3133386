package io.ifastapi.http;

import io.ifastapi.forms.FormData;
import io.ifastapi.forms.FormException;
import io.ifastapi.forms.FormLimits;
import io.ifastapi.forms.MultipartParser;
import io.ifastapi.forms.UrlEncodedParser;
import io.ifastapi.json.JacksonJsonCodec;
import io.ifastapi.json.JsonCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ifastapi.http.SessionNotInstalledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An HTTP request as a handler sees it. Everything is parsed on first use (query, cookies, body), so a handler pays
 * only for what it reads; the body stream is read at most once.
 *
 * <p>Only what handlers and middleware may call is public. Server adapters, TestClient and the framework build and
 * steer requests through {@code io.ifastapi.internal.ServerRequest}, the one subclass, which is not public API.
 */
public abstract class Request {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    private static final Logger LOG = LoggerFactory.getLogger(Request.class);
    /** The {@link #state()} keys where AuthenticationMiddleware leaves the user and the credentials (Starlette's scope keys). */
    public static final String USER_STATE = "ifastapi.user";
    public static final String AUTH_STATE = "ifastapi.auth";

    private final String method;
    private URL url;
    private final Headers headers;
    private Address client;
    private final InputStream bodyStream;
    private final State state = new State();

    private String path;
    private String rootPath = "";
    private Map<String, Object> pathParams = Map.of();
    private Params query;
    private Map<String, String> cookies;
    private byte[] body;
    /** True once {@link #form} streamed the body: it cannot be read again. */
    private boolean bodyStreamed;
    private FormData form;
    private RuntimeException formFailure;
    /** What runs once the response is sent (uploads' temporary files, dependency teardown); null until needed. */
    private List<AutoCloseable> afterResponse;
    private boolean finished;
    private App app;
    /** The first app that claimed this request: url building starts from its routes, as Starlette's url_for. */
    private App outermostApp;
    private Supplier<Session> sessionLoader;
    private Session session;

    /**
     * @param method     the HTTP method, upper case
     * @param url        scheme, host, port and the raw (percent-encoded) path and query
     * @param headers    as received
     * @param client     the peer's address, or null when unknown
     * @param bodyStream the body; null for none
     */
    protected Request(String method, URL url, Headers headers, Address client, InputStream bodyStream) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.url = url;
        this.headers = headers;
        this.client = client;
        this.bodyStream = bodyStream;
    }

    // ----- the request line -----

    public String method() {
        return method;
    }

    public URL url() {
        return url;
    }

    /** The full path, percent-decoded: {@code /items/a b} for {@code /items/a%20b}. */
    public String path() {
        if (path == null) {
            path = decodePath(url.path());
        }
        return path;
    }

    /** The prefix under which this request's app is mounted ("" at the top); see {@code app.mount}. */
    public String rootPath() {
        return rootPath;
    }

    /** The path below the mount point: what routes are matched against. */
    public String routePath() {
        String full = path();
        return rootPath.isEmpty() ? full : full.substring(Math.min(rootPath.length(), full.length()));
    }

    public String scheme() {
        return url.scheme();
    }

    public Address client() {
        return client;
    }

    // ----- headers, query, cookies -----

    public Headers headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public Params queryParams() {
        if (query == null) {
            query = Params.parse(url.query());
        }
        return query;
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        return queryParams().get(name);
    }

    /** Cookies sent by the client. When a name repeats, the first wins: browsers send the most specific path first (RFC 6265 5.4). */
    public Map<String, String> cookies() {
        if (cookies == null) {
            cookies = CookieParser.parse(headers.getAll("cookie"));
        }
        return cookies;
    }

    public String cookie(String name) {
        return cookies().get(name);
    }

    // ----- path parameters -----

    /** Converted path parameters: {@code {id:int}} gives an Integer, {@code {id:uuid}} a UUID, others strings. */
    public Map<String, Object> pathParams() {
        return pathParams;
    }

    @SuppressWarnings("unchecked")
    public <T> T pathParam(String name) {
        return (T) pathParams.get(name);
    }

    /** A path parameter as a type, e.g. {@code request.pathParam("id", Integer.class)}. */
    public <T> T pathParam(String name, Class<T> type) {
        Object value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No path parameter '" + name + "'; the route has " + pathParams.keySet());
        }
        return type.cast(value);
    }

    // ----- body -----

    /**
     * The raw body. A body over the app's limit ({@link App#maxBodySize()}) is a 413, whether Content-Length
     * announces it or the bytes run over.
     */
    public byte[] body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    /** The body decoded with the charset of its Content-Type, UTF-8 by default. */
    public String text() {
        return new String(body(), MediaTypes.charset(header("content-type")));
    }

    /** The body as a JSON object; malformed JSON is a 400 that says what is wrong. */
    public Map<String, Object> json() {
        return json(JSON_OBJECT);
    }

    /**
     * The body as a type (a record, a List of records, ...), validated as a typed route's body is: malformed JSON is
     * a 422 {@code json_invalid}, JSON that does not fit the type a 422 with pydantic's errors at
     * {@code ["body", ...]} (a missing field, {@code 2.5} for an int, {@code null} for a String...).
     */
    public <T> T json(Class<T> type) {
        return type.cast(readJson(type));
    }

    /** As {@link #json(Class)}, for generic types: {@code request.json(new TypeReference<List<Item>>() {})}. */
    @SuppressWarnings("unchecked")
    public <T> T json(TypeReference<T> type) {
        return (T) readJson(type.getType());
    }

    private Object readJson(java.lang.reflect.Type type) {
        Object value = app == null ? null : app.readJson(this, type);
        if (value != null) {
            return value;
        }
        try {
            return codec().read(nonEmptyBody(), type);
        } catch (IOException e) {
            throw jsonError(e);
        }
    }

    /**
     * The form in the body, with the app's {@link App#formLimits() form limits}: {@code multipart/form-data} (fields
     * and uploaded files, parsed as the body streams in, uploads past the spool threshold in temporary files) or
     * {@code application/x-www-form-urlencoded}; any other Content-Type gives an empty form, as in Starlette. Read
     * once and kept. Malformed bodies and broken limits are 400s with Starlette's messages (413 for the size limits
     * Starlette lacks). Uploads are deleted when the request is over, after its response.
     */
    public FormData form() {
        return form(app == null ? FormLimits.defaults() : app.formLimits());
    }

    /**
     * The form, with these limits rather than the app's (Starlette's {@code request.form(max_files=...)}). The form
     * is parsed by the first call, with that call's limits; later calls return it.
     */
    public FormData form(FormLimits limits) {
        if (formFailure != null) {
            throw formFailure; // the body is gone: asking again gets the same answer
        }
        if (form == null) {
            try {
                form = parseForm(limits);
            } catch (RuntimeException e) {
                formFailure = e;
                throw e;
            }
            if (!form.files().isEmpty()) {
                whenDone(form);
            }
        }
        return form;
    }

    private FormData parseForm(FormLimits limits) {
        String type = header("content-type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        try {
            if (media.equals("multipart/form-data")) {
                if (body != null) {
                    return MultipartParser.parse(new ByteArrayInputStream(body), type, limits);
                }
                if (declaredLength() > limits.maxBodySize()) {
                    throw new HTTPException(413, "Request body is larger than the limit of " + limits.maxBodySize()
                            + " bytes");
                }
                bodyStreamed = true;
                try (InputStream in = bodyStream == null ? InputStream.nullInputStream() : bodyStream) {
                    return MultipartParser.parse(in, type, limits);
                }
            }
            if (media.equals("application/x-www-form-urlencoded")) {
                return UrlEncodedParser.parse(body(), limits);
            }
            return FormData.empty();
        } catch (FormException e) {
            throw new HTTPException(e.status(), e.detail());
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the request body", e);
        }
    }

    // ----- for middleware -----

    /** Attributes set by middleware for handlers ({@code request.state} in Starlette). */
    public State state() {
        return state;
    }

    /** The app handling this request: the innermost one, for a request that reached a mounted sub-app. */
    public App app() {
        return app;
    }

    /**
     * The absolute URL of a named route (Starlette's {@code request.url_for}): scheme, host and port of this request,
     * the path built from the outermost app's routes ({@code "mount:route"} inside named mounts), percent-encoded.
     * {@code request.urlFor("read_item", Map.of("item_id", 3))} gives {@code http://host/items/3}.
     *
     * @throws IllegalArgumentException (NoMatchFoundException) when no route has that name and those parameters
     */
    public String urlFor(String name, Map<String, ?> pathParams) {
        App top = outermostApp != null ? outermostApp : app;
        if (top == null) {
            throw new IllegalStateException("This request is not handled by an app, so it has no routes to name");
        }
        return url.origin() + top.urlPathFor(name, pathParams);
    }

    /** {@link #urlFor(String, Map)} for a route without path parameters. */
    public String urlFor(String name) {
        return urlFor(name, Map.of());
    }

    /**
     * The session. Throws {@link SessionNotInstalledException} ("SessionMiddleware must be installed to access
     * request.session") when no SessionMiddleware runs in front of this handler.
     */
    public Session session() {
        if (session == null) {
            if (sessionLoader == null) {
                throw new SessionNotInstalledException();
            }
            session = sessionLoader.get();
        }
        return session;
    }

    /**
     * The user making the request, as AuthenticationMiddleware's backend found it, or
     * {@link UnauthenticatedUser#INSTANCE}. Throws {@link AuthenticationNotInstalledException}
     * ("AuthenticationMiddleware must be installed to access request.user") without the middleware.
     */
    public User user() {
        if (state.get(USER_STATE) instanceof User user) {
            return user;
        }
        throw new AuthenticationNotInstalledException("user");
    }

    /** The scopes the request is granted (Starlette's {@code request.auth}); needs AuthenticationMiddleware. */
    public AuthCredentials auth() {
        if (state.get(AUTH_STATE) instanceof AuthCredentials credentials) {
            return credentials;
        }
        throw new AuthenticationNotInstalledException("auth");
    }

    /** True once the session was loaded (by a call to {@link #session()}). */
    public boolean sessionLoaded() {
        return session != null;
    }

    // ----- for io.ifastapi.internal.ServerRequest -----

    /** What loads the session on first use; {@code null} detaches it. */
    protected final void sessionLoader(Supplier<Session> loader) {
        this.sessionLoader = loader;
        this.session = null;
    }

    protected final void pathParamsOfRoute(Map<String, Object> params) {
        // Static routes (most) pass the immutable Map.of(): no need for a read-only wrapper per request.
        this.pathParams = params.isEmpty() ? Map.of() : Collections.unmodifiableMap(params);
    }

    protected final void origin(URL newUrl, Address newClient) {
        this.url = newUrl;
        this.client = newClient;
        this.path = null;
    }

    protected final void mountedAt(String rootPath) {
        this.rootPath = rootPath;
    }

    /** Makes {@code app} the app handling this request and returns the one that handled it before (or null). */
    protected final App claimedBy(App app) {
        App previous = this.app;
        this.app = app;
        if (outermostApp == null) {
            outermostApp = app;
        }
        return previous;
    }

    /** Runs {@code task} once the response has been sent (LIFO); at once if that moment has passed. */
    protected final void whenDone(AutoCloseable task) {
        boolean late;
        synchronized (this) {
            late = finished;
            if (!late) {
                if (afterResponse == null) {
                    afterResponse = new ArrayList<>(2);
                }
                afterResponse.add(task);
            }
        }
        if (late) {
            close(task);
        }
    }

    /** Runs what {@link #whenDone} registered, last first, each once; a failure is logged and the rest still run. */
    protected final void done() {
        List<AutoCloseable> tasks;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            tasks = afterResponse;
            afterResponse = null;
        }
        if (tasks != null) {
            for (AutoCloseable task : tasks.reversed()) {
                close(task);
            }
        }
    }

    private void close(AutoCloseable task) {
        try {
            task.close();
        } catch (Exception e) {
            LOG.warn("Cleanup after the response to {} failed", this, e);
        }
    }

    // ----- helpers -----

    private byte[] nonEmptyBody() {
        byte[] bytes = body();
        if (bytes.length == 0) {
            throw new HTTPException(400, "Request body is empty; expected JSON");
        }
        return bytes;
    }

    /** The Content-Length, or -1 when absent. */
    private long declaredLength() {
        String length = header("content-length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new HTTPException(400, "Invalid Content-Length header");
        }
    }

    private byte[] readBody() {
        if (declaredLength() > maxBodySize()) {
            throw tooLarge();
        }
        if (bodyStreamed) {
            throw new IllegalStateException("The body was streamed by request.form(); read the form, or read "
                    + "request.body() before request.form()");
        }
        if (bodyStream == null) {
            return new byte[0];
        }
        try (InputStream in = bodyStream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBodySize()) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the request body", e);
        }
    }

    private JsonCodec codec() {
        return app == null ? JacksonJsonCodec.defaults() : app.json();
    }

    private long maxBodySize() {
        return app == null ? Long.MAX_VALUE : app.maxBodySize();
    }

    private HTTPException tooLarge() {
        return new HTTPException(413, "Request body is larger than the limit of " + maxBodySize() + " bytes");
    }

    private static HTTPException jsonError(IOException e) {
        if (e instanceof MismatchedInputException mismatch && !(e.getCause() instanceof JsonProcessingException)
                && mismatch.getPath() != null && !mismatch.getPath().isEmpty()) {
            return validationError(mismatch);
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof MismatchedInputException)) {
            return validationError(mapping);
        }
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            message += " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
        }
        if (e instanceof MismatchedInputException) {
            return new HTTPException(400, "Request body must be a JSON object: " + message);
        }
        return new HTTPException(400, "Malformed JSON in request body: " + message);
    }

    /** FastAPI's 422 shape: {"detail": [{"loc": ["body", "field"], "msg": "...", "type": "..."}]}. */
    private static HTTPException validationError(JsonMappingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (JsonMappingException.Reference ref : e.getPath()) {
            loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("loc", loc);
        error.put("msg", e.getOriginalMessage());
        error.put("type", e instanceof MismatchedInputException ? "type_error" : "value_error");
        return new HTTPException(422, List.of(error));
    }

    private static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            // URLDecoder would turn '+' into a space, which is only right in queries.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    @Override
    public String toString() {
        return method + " " + url;
    }
}
