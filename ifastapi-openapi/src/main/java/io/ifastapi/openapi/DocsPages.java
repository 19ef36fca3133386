package io.ifastapi.openapi;

/**
 * The HTML of /docs, /redoc and /docs/oauth2-redirect, as FastAPI's {@code get_swagger_ui_html} and
 * {@code get_redoc_html} write them, except that every script is a file served from the jar: no CDN and no inline
 * script, so the pages work offline and under {@code Content-Security-Policy: script-src 'self'}. What the init
 * scripts need (the document's URL, the OAuth2 redirect, Swagger UI's parameters) travels in data attributes.
 */
final class DocsPages {
    private DocsPages() {
    }

    static String swaggerUi(String title, String assets, String openApiUrl, String oauth2RedirectUrl,
            String parametersJson) {
        return """
                <!DOCTYPE html>
                <html>
                <head>
                <meta charset="utf-8">
                <link type="text/css" rel="stylesheet" href="%1$s/swagger-ui.css">
                <link rel="shortcut icon" href="%1$s/favicon-32x32.png">
                <title>%2$s</title>
                </head>
                <body>
                <div id="swagger-ui" data-url="%3$s" data-oauth2-redirect-url="%4$s" data-parameters="%5$s">
                </div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script src="%1$s/swagger-ui-init.js"></script>
                </body>
                </html>
                """.formatted(escape(assets), escape(title), escape(openApiUrl), escape(oauth2RedirectUrl),
                escape(parametersJson));
    }

    static String redoc(String title, String assets, String openApiUrl) {
        return """
                <!DOCTYPE html>
                <html>
                <head>
                <title>%2$s</title>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="%1$s/redoc.css">
                </head>
                <body>
                <noscript>
                    ReDoc requires Javascript to function. Please enable it to browse the documentation.
                </noscript>
                <redoc spec-url="%3$s"></redoc>
                <script src="%1$s/redoc.standalone.js"></script>
                </body>
                </html>
                """.formatted(escape(assets), escape(title), escape(openApiUrl));
    }

    /** Swagger UI's OAuth2 redirect page, its script (the webjar's oauth2-redirect.js) loaded as a file. */
    static String oauth2Redirect(String script) {
        return """
                <!doctype html>
                <html lang="en-US">
                <head>
                    <title>Swagger UI: OAuth2 Redirect</title>
                </head>
                <body>
                <script src="%s"></script>
                </body>
                </html>
                """.formatted(escape(script));
    }

    /** HTML attribute and text escaping: titles and URLs are the user's configuration, not trusted markup. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
