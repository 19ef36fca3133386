package io.ifastapi.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link OpenApi#install(io.ifastapi.IFastAPI, java.util.function.Consumer)} sets up: FastAPI's constructor
 * arguments for the document and its pages, with FastAPI's defaults. A URL set to null turns its route off, as
 * {@code docs_url=None} does in FastAPI; without the document ({@code openApiUrl(null)}) neither UI is served.
 */
public final class OpenApiConfig {
    String title = "iFastAPI";
    String version = "0.1.0";
    String summary;
    String description;
    final List<Map<String, Object>> servers = new ArrayList<>();
    final List<Map<String, Object>> tags = new ArrayList<>();
    String openApiUrl = "/openapi.json";
    String docsUrl = "/docs";
    String redocUrl = "/redoc";
    String oauth2RedirectUrl = "/docs/oauth2-redirect";
    /** FastAPI's swagger_ui_default_parameters, in its order. */
    final Map<String, Object> swaggerUiParameters = new LinkedHashMap<>();
    final List<OperationContributor> contributors = new ArrayList<>();

    OpenApiConfig() {
        swaggerUiParameters.put("dom_id", "#swagger-ui");
        swaggerUiParameters.put("layout", "BaseLayout");
        swaggerUiParameters.put("deepLinking", true);
        swaggerUiParameters.put("showExtensions", true);
        swaggerUiParameters.put("showCommonExtensions", true);
    }

    /** The API's title: {@code info.title} and the pages' titles ("Shop - Swagger UI"). Default "iFastAPI". */
    public OpenApiConfig title(String title) {
        this.title = title;
        return this;
    }

    /** The API's version, {@code info.version}. Default "0.1.0", as FastAPI's. */
    public OpenApiConfig version(String version) {
        this.version = version;
        return this;
    }

    /** {@code info.summary}, one line. */
    public OpenApiConfig summary(String summary) {
        this.summary = summary;
        return this;
    }

    /** {@code info.description}, Markdown. */
    public OpenApiConfig description(String description) {
        this.description = description;
        return this;
    }

    /** Adds a Server Object, e.g. {@code server("https://api.example.com", "Production")}. */
    public OpenApiConfig server(String url, String description) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("url", url);
        if (description != null) {
            server.put("description", description);
        }
        servers.add(server);
        return this;
    }

    /** Describes a tag (FastAPI's openapi_tags): the UIs list tags in this order, with the description. */
    public OpenApiConfig tag(String name, String description) {
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("name", name);
        if (description != null) {
            tag.put("description", description);
        }
        tags.add(tag);
        return this;
    }

    /** Where the document is served; null serves neither it nor the UIs. Default {@code /openapi.json}. */
    public OpenApiConfig openApiUrl(String url) {
        this.openApiUrl = url;
        return this;
    }

    /** Where Swagger UI is served; null turns it off. Default {@code /docs}. */
    public OpenApiConfig docsUrl(String url) {
        this.docsUrl = url;
        return this;
    }

    /** Where ReDoc is served; null turns it off. Default {@code /redoc}. */
    public OpenApiConfig redocUrl(String url) {
        this.redocUrl = url;
        return this;
    }

    /** Swagger UI's OAuth2 redirect page; null turns it off. Default {@code /docs/oauth2-redirect}. */
    public OpenApiConfig oauth2RedirectUrl(String url) {
        this.oauth2RedirectUrl = url;
        return this;
    }

    /**
     * A Swagger UI configuration parameter (FastAPI's swagger_ui_parameters), e.g.
     * {@code swaggerUiParameter("defaultModelsExpandDepth", -1)}; plain JSON values only.
     */
    public OpenApiConfig swaggerUiParameter(String name, Object value) {
        swaggerUiParameters.put(name, value);
        return this;
    }

    /** Adds what a part of the app knows about its operations (typed inputs, security...) to the document. */
    public OpenApiConfig contributor(OperationContributor contributor) {
        contributors.add(contributor);
        return this;
    }

    OpenApiInfo info() {
        return new OpenApiInfo(title, version, summary, description, servers, tags);
    }
}
