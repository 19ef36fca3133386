package io.ifastapi.openapi;

import io.ifastapi.routing.Operation;

import java.util.Locale;
import java.util.regex.Pattern;

/** The names FastAPI and pydantic derive: titles, summaries, operation ids, path formats. */
final class Names {
    private static final Pattern NON_WORD = Pattern.compile("\\W");
    private static final Pattern LEADING_UNDERSCORES = Pattern.compile("^_+");
    private static final Pattern PATH_CONVERTER = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*):[a-zA-Z_][a-zA-Z0-9_]*}");

    private Names() {
    }

    /**
     * pydantic's field title: {@code name.title().replace('_', ' ').strip()}, so {@code item_id} is "Item Id" and
     * {@code itemId} is "Itemid" (Python's str.title lowers the rest of each word).
     */
    static String title(String name) {
        return pythonTitle(name).replace('_', ' ').strip();
    }

    /** FastAPI's default summary: {@code route.name.replace("_", " ").title()}, "Read Item" for read_item. */
    static String summary(String routeName) {
        return pythonTitle(routeName.replace('_', ' '));
    }

    /** {@code /items/{id:int}} as OpenAPI writes it: {@code /items/{id}} (Starlette's path_format). */
    static String pathFormat(String template) {
        return PATH_CONVERTER.matcher(template).replaceAll("{$1}");
    }

    /**
     * FastAPI's generate_unique_id: {@code {name}{path_format}} with every non-word character replaced by {@code _},
     * then {@code _{method}}; {@code read_item_items__item_id__get} for read_item on GET /items/{item_id}. A route
     * without a name (a lambda has none; FastAPI would use the function's) gets the same id without the name and
     * without its leading underscores: {@code items__item_id__get}, {@code hello_get} for GET /hello, and
     * {@code root__get} for GET / (FastAPI's id for a function named root there).
     */
    static String operationId(Operation operation, String method) {
        String suffix = "_" + method.toLowerCase(Locale.ROOT);
        String path = NON_WORD.matcher(pathFormat(operation.path())).replaceAll("_");
        if (operation.name() != null) {
            return NON_WORD.matcher(operation.name()).replaceAll("_") + path + suffix;
        }
        String base = LEADING_UNDERSCORES.matcher(path).replaceFirst("");
        return (base.isEmpty() ? "root_" : base) + suffix;
    }

    /** Python's str.title(): the first letter of each run of letters upper case, the rest lower case. */
    static String pythonTitle(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousCased = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = Character.isLetter(c);
            out.append(!letter ? c : previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = letter;
        }
        return out.toString();
    }
}
