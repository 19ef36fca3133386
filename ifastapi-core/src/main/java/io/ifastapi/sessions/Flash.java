package io.ifastapi.sessions;

import io.ifastapi.http.Request;
import io.ifastapi.http.Session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flash messages: a note for the next page the user sees ("Saved", "Wrong password"), kept in the session until it
 * is read once, so that it survives the redirect after a form post (post/redirect/get).
 *
 * <pre>{@code
 * app.post("/profile", request -> {
 *     save(request.form());
 *     Flash.add(request, "Saved", "success");
 *     return Response.redirect("/profile", 303);
 * });
 * app.get("/profile", request -> render(Flash.consume(request)));   // [Message[message=Saved, category=success]]
 * }</pre>
 *
 * Messages are stored under the session key {@value #SESSION_KEY} as a list of {@code {"message": ..., "category":
 * ...}} objects, so they work with every session backend (and a Python service sharing the cookie can read them).
 * Needs {@link SessionMiddleware}.
 */
public final class Flash {
    /** The session key holding the pending messages. */
    public static final String SESSION_KEY = "_messages";
    /** The category of {@link #add(Request, String)}. */
    public static final String DEFAULT_CATEGORY = "info";

    /** A message and its category (e.g. success, info, warning, error: what your templates style). */
    public record Message(String message, String category) {
    }

    private Flash() {
    }

    /** Adds a message of category {@value #DEFAULT_CATEGORY}. */
    public static void add(Request request, String message) {
        add(request, message, DEFAULT_CATEGORY);
    }

    /** Adds a message for the next page that reads them. */
    public static void add(Request request, String message, String category) {
        if (message == null || category == null) {
            throw new IllegalArgumentException("A flash message needs a message and a category, got "
                    + message + " / " + category);
        }
        Session session = request.session();
        List<Object> messages = new ArrayList<>(stored(session));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("message", message);
        entry.put("category", category);
        messages.add(entry);
        session.put(SESSION_KEY, messages);
    }

    /** The pending messages, oldest first, and forgets them: each message is shown once. */
    public static List<Message> consume(Request request) {
        Session session = request.session();
        List<Message> messages = peek(request);
        if (session.containsKey(SESSION_KEY)) {
            session.remove(SESSION_KEY);
        }
        return messages;
    }

    /** The pending messages without forgetting them. */
    public static List<Message> peek(Request request) {
        List<Message> messages = new ArrayList<>();
        for (Object item : stored(request.session())) {
            // tolerate what another service may have written: a bare string is a message of the default category
            if (item instanceof Map<?, ?> map && map.get("message") != null) {
                Object category = map.get("category");
                messages.add(new Message(map.get("message").toString(),
                        category == null ? DEFAULT_CATEGORY : category.toString()));
            } else if (item instanceof String text) {
                messages.add(new Message(text, DEFAULT_CATEGORY));
            }
        }
        return List.copyOf(messages);
    }

    private static List<?> stored(Session session) {
        return session.get(SESSION_KEY) instanceof List<?> list ? list : List.of();
    }
}
