package io.ifastapi.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route path such as {@code /items/{id:int}/files/{rest:path}}, compiled once to a regex. A template without
 * parameters is matched by plain string equality, the common case and the fast one.
 */
public final class PathTemplate {
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?}");

    private final String template;
    private final Pattern pattern;
    private final List<String> names;
    private final List<Converter> converters;
    /** The literal text before the first parameter and after the last: any match starts and ends with them. */
    private final String literalPrefix;
    private final String literalSuffix;
    /** The custom converters this template was compiled with, so that a prefixed copy resolves its types alike. */
    private final Map<String, Converter> customConverters;

    private PathTemplate(String template, Pattern pattern, List<String> names, List<Converter> converters,
            String literalPrefix, String literalSuffix, Map<String, Converter> customConverters) {
        this.template = template;
        this.customConverters = customConverters;
        this.pattern = pattern;
        this.names = names;
        this.converters = converters;
        this.literalPrefix = literalPrefix;
        this.literalSuffix = literalSuffix;
    }

    public static PathTemplate compile(String template, Map<String, Converter> extraConverters) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("Route paths must start with '/', got: " + template);
        }
        Matcher m = PARAM.matcher(template);
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        List<Converter> converters = new ArrayList<>();
        int last = 0;
        int firstParam = -1;
        while (m.find()) {
            if (firstParam < 0) {
                firstParam = m.start();
            }
            String name = m.group(1);
            String type = m.group(2) == null ? "str" : m.group(2);
            Converter converter = extraConverters.getOrDefault(type, Converter.BUILT_IN.get(type));
            if (converter == null) {
                throw new IllegalArgumentException("Unknown path converter '" + type + "' in " + template
                        + "; known: " + Converter.BUILT_IN.keySet() + " and " + extraConverters.keySet());
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("Duplicated path parameter '" + name + "' in " + template);
            }
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append('(').append(converter.regex()).append(')');
            names.add(name);
            converters.add(converter);
            last = m.end();
        }
        String rest = template.substring(last);
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
            throw new IllegalArgumentException("Malformed path parameter in " + template
                    + "; write {name} or {name:type}");
        }
        if (names.isEmpty()) {
            return new PathTemplate(template, null, List.of(), List.of(), template, "", Map.copyOf(extraConverters));
        }
        regex.append(Pattern.quote(rest)).append('$');
        return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names), List.copyOf(converters),
                template.substring(0, firstParam), rest, Map.copyOf(extraConverters));
    }

    /**
     * This template under a prefix, e.g. when a router is included: the prefix's parameters resolve with
     * {@code outerConverters} (the including router's), this template's own with the converters it was compiled
     * with, which win where both define a name.
     */
    public PathTemplate prefixed(String prefix, Map<String, Converter> outerConverters) {
        if (prefix.isEmpty()) {
            return this;
        }
        Map<String, Converter> merged = new java.util.HashMap<>(outerConverters);
        merged.putAll(customConverters);
        return compile(prefix + template, merged);
    }

    /** The converted parameters when the path matches, else null. */
    public Map<String, Object> match(String path) {
        if (pattern == null) {
            return template.equals(path) ? Map.of() : null;
        }
        // The regex is ^prefix(...)...suffix$ with both literal: a cheap test rules out most paths before it runs.
        if (path.length() < literalPrefix.length() + literalSuffix.length() || !path.startsWith(literalPrefix)
                || !path.endsWith(literalSuffix)) {
            return null;
        }
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), converters.get(i).convert().apply(m.group(i + 1)));
        }
        return params;
    }

    /**
     * The path for these parameter values (Starlette's {@code url_path_for}), each written as text and
     * percent-encoded, or null when the names are not exactly the template's. A value its converter would not
     * match (an "abc" for {@code {id:int}}) is refused: the URL would not lead back to the route.
     */
    public String expand(Map<String, ?> values) {
        if (values.size() != names.size() || !values.keySet().containsAll(names)) {
            return null;
        }
        if (names.isEmpty()) {
            return template;
        }
        StringBuilder path = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        int last = 0;
        int i = 0;
        while (m.find()) {
            path.append(template, last, m.start());
            Converter converter = converters.get(i++);
            Object value = values.get(m.group(1));
            String text = String.valueOf(value);
            if (value == null || !text.matches(converter.regex())) {
                throw new IllegalArgumentException("Path parameter '" + m.group(1) + "' = '" + text + "' does not fit "
                        + m.group() + " in " + template);
            }
            path.append(PathEncoding.encode(text, converter == Converter.PATH));
            last = m.end();
        }
        return path.append(template, last, template.length()).toString();
    }

    /** The literal text before the first parameter (the whole template when it has none). */
    String literalPrefix() {
        return literalPrefix;
    }

    public boolean isStatic() {
        return pattern == null;
    }

    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return template;
    }
}
