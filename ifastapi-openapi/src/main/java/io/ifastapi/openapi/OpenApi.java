package io.ifastapi.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The OpenAPI document of an app and the pages that show it, as FastAPI serves them: {@code /openapi.json},
 * Swagger UI at {@code /docs} (with {@code /docs/oauth2-redirect}) and ReDoc at {@code /redoc}. Every file comes from
 * the jar (webjars), nothing from a CDN.
 *
 * <pre>{@code
 * OpenApi.install(app);                                                   // FastAPI's defaults
 * OpenApi.install(app, docs -> docs.title("Shop").version("1.2.0").redocUrl(null));
 * }</pre>
 *
 * With ifastapi-openapi on the class path this is on by default (as in FastAPI): an app that neither installed it
 * nor called {@link #disable} gets FastAPI's defaults when it starts ({@link OpenApiExtension}).
 *
 * <p>The document is generated once, at startup (or on first use), from {@code app.router().operations()}, and its
 * bytes are served from then on: nothing is generated per request.
 */
public final class OpenApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The apps whose docs were set up by hand (installed, or turned off), which the automatic install leaves alone.
     * Weak: an app that is gone is forgotten.
     */
    private static final Map<IFastAPI, Boolean> CONFIGURED = Collections.synchronizedMap(new WeakHashMap<>());

    private final IFastAPI app;
    private final OpenApiConfig config;
    private final OpenApiGenerator generator;
    private final AtomicInteger generations = new AtomicInteger();
    private volatile Map<String, Object> document;
    private volatile byte[] json;

    private OpenApi(IFastAPI app, OpenApiConfig config) {
        this.app = app;
        this.config = config;
        this.generator = new OpenApiGenerator(config.info(), config.contributors);
    }

    /** Serves the document, Swagger UI and ReDoc at FastAPI's paths, with FastAPI's defaults. */
    public static OpenApi install(IFastAPI app) {
        return install(app, config -> { });
    }

    /** Serves the document and the UIs as configured: title, version, paths (null turns one off), ... */
    public static OpenApi install(IFastAPI app, Consumer<OpenApiConfig> configure) {
        if (CONFIGURED.putIfAbsent(app, Boolean.TRUE) != null) {
            throw new IllegalStateException("OpenAPI docs are already installed on this app (or turned off with "
                    + "OpenApi.disable); call OpenApi.install(app, ...) once, with all its settings");
        }
        OpenApiConfig config = new OpenApiConfig();
        configure.accept(config);
        OpenApi openApi = new OpenApi(app, config);
        openApi.addRoutes();
        // Generated at startup, so a misconfiguration (two operations with one id, two classes with one schema name)
        // stops the start with its message instead of failing the first request for the document.
        app.onStartup(openApi::document);
        return openApi;
    }

    /**
     * Serves no document and no UI for this app, although ifastapi-openapi is on the class path (FastAPI's
     * {@code openapi_url=None}). Call it while setting the app up, instead of {@link #install}.
     */
    public static void disable(IFastAPI app) {
        if (CONFIGURED.putIfAbsent(app, Boolean.FALSE) == Boolean.TRUE) {
            throw new IllegalStateException("OpenAPI docs are already installed on this app; remove the "
                    + "OpenApi.install(app) call instead of disabling them");
        }
    }

    /** Installs FastAPI's defaults unless the app's docs were set up by hand: the automatic install. */
    static void installByDefault(IFastAPI app) {
        if (!CONFIGURED.containsKey(app)) {
            install(app);
        }
    }

    /**
     * The document as ordered maps and lists. The first call fixes the app's routes (they can no longer change, as
     * when the app serves) and generates it; later calls return the same object.
     */
    public Map<String, Object> document() {
        Map<String, Object> current = document;
        if (current == null) {
            synchronized (this) {
                current = document;
                if (current == null) {
                    app.router().freeze();
                    current = generator.generate(app.router().operations());
                    try {
                        json = JSON.writeValueAsBytes(current);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("The OpenAPI document cannot be written as JSON: " + e
                                .getOriginalMessage() + "; a contributor put a value that is not plain JSON data", e);
                    }
                    generations.incrementAndGet();
                    document = current;
                }
            }
        }
        return current;
    }

    /** The document's JSON, as served at {@code /openapi.json}. */
    public byte[] json() {
        document();
        return json.clone();
    }

    /** How many times the document was generated: once per app (for tests that check it is cached). */
    int generations() {
        return generations.get();
    }

    private void addRoutes() {
        String openApiUrl = config.openApiUrl;
        if (openApiUrl == null) {
            return;
        }
        app.get(openApiUrl, request -> {
            document();
            return Response.bytes(json, "application/json", 200);
        }).includeInSchema(false);
        if (config.docsUrl != null) {
            addSwaggerUi(openApiUrl);
        }
        if (config.redocUrl != null) {
            addRedoc(openApiUrl);
        }
    }

    private void addSwaggerUi(String openApiUrl) {
        String version = WebJarAsset.version("org.webjars", "swagger-ui");
        String webjar = "META-INF/resources/webjars/swagger-ui/" + version + "/";
        String assets = config.docsUrl + "/swagger-ui-" + version;
        serve(assets + "/swagger-ui-bundle.js", WebJarAsset.load(webjar + "swagger-ui-bundle.js",
                "text/javascript; charset=utf-8", WebJarAsset.IMMUTABLE));
        serve(assets + "/swagger-ui.css", WebJarAsset.load(webjar + "swagger-ui.css", "text/css; charset=utf-8",
                WebJarAsset.IMMUTABLE));
        serve(assets + "/favicon-32x32.png", WebJarAsset.load(webjar + "favicon-32x32.png", "image/png",
                WebJarAsset.IMMUTABLE));
        serve(assets + "/oauth2-redirect.js", WebJarAsset.load(webjar + "oauth2-redirect.js",
                "text/javascript; charset=utf-8", WebJarAsset.IMMUTABLE));
        // Ours, not the webjar's: its URL does not change with its content, so it is revalidated.
        serve(assets + "/swagger-ui-init.js", WebJarAsset.load("io/ifastapi/openapi/swagger-ui-init.js",
                "text/javascript; charset=utf-8", WebJarAsset.REVALIDATE));
        String parameters = writeJson(config.swaggerUiParameters);
        String title = config.title + " - Swagger UI";
        String redirect = config.oauth2RedirectUrl;
        app.get(config.docsUrl, request -> {
            String root = rootPath(request.rootPath());
            return page(DocsPages.swaggerUi(title, root + assets, root + openApiUrl,
                    redirect == null ? "" : root + redirect, parameters));
        }).includeInSchema(false);
        if (redirect != null) {
            app.get(redirect, request -> page(DocsPages.oauth2Redirect(rootPath(request.rootPath()) + assets
                    + "/oauth2-redirect.js"))).includeInSchema(false);
        }
    }

    private void addRedoc(String openApiUrl) {
        String version = WebJarAsset.version("org.webjars", "redoc");
        String assets = config.redocUrl + "/redoc-" + version;
        serve(assets + "/redoc.standalone.js", WebJarAsset.load("META-INF/resources/webjars/redoc/" + version
                + "/redoc.standalone.js", "text/javascript; charset=utf-8", WebJarAsset.IMMUTABLE));
        serve(assets + "/redoc.css", WebJarAsset.load("io/ifastapi/openapi/redoc.css", "text/css; charset=utf-8",
                WebJarAsset.REVALIDATE));
        String title = config.title + " - ReDoc";
        app.get(config.redocUrl, request -> {
            String root = rootPath(request.rootPath());
            return page(DocsPages.redoc(title, root + assets, root + openApiUrl));
        }).includeInSchema(false);
    }

    private void serve(String path, WebJarAsset asset) {
        app.get(path, request -> asset.response()).includeInSchema(false);
    }

    private static Response page(String html) {
        return Response.html(html).header("cache-control", WebJarAsset.REVALIDATE);
    }

    /** FastAPI's {@code root_path.rstrip("/")}: the pages link to the document and assets under the app's mount. */
    private static String rootPath(String rootPath) {
        String root = rootPath == null ? "" : rootPath;
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root;
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Swagger UI parameters must be plain JSON values: " + e
                    .getOriginalMessage(), e);
        }
    }
}
