package io.ifastapi.templates;

import java.util.Map;

/**
 * The seam between the core and a template engine: the core knows only this, so it depends on no engine. A module
 * implements it (ifastapi-templates-jte: {@code JteTemplates.precompiled()}) and hands it to {@link Templates}.
 *
 * <p>An engine must escape every value it outputs for HTML by default; raw output must be something the template
 * asks for by name.
 */
public interface TemplateEngine {

    /**
     * Renders the template {@code name} with the app's model, plus {@code page} (the request, its session, flash
     * messages, the CSRF token, url building), which the engine exposes as is natural for it.
     *
     * @param page what the template may ask of the request; null when rendering outside a request (an e-mail)
     * @throws TemplateNotFoundException when there is no such template, naming where the engine looked
     */
    String render(String name, Map<String, Object> model, PageContext page);
}
