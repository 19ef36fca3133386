package io.ifastapi.templates;

/**
 * A template that does not exist. The message names the template and where the engine looked for it (a class path
 * resource, a directory), so that a typo or a template left out of the jar is found at once.
 */
public final class TemplateNotFoundException extends IllegalArgumentException {
    private final String template;

    public TemplateNotFoundException(String template, String lookedIn, Throwable cause) {
        super("Template '" + template + "' not found; looked for " + lookedIn, cause);
        this.template = template;
    }

    /** The name the app asked for. */
    public String template() {
        return template;
    }
}
