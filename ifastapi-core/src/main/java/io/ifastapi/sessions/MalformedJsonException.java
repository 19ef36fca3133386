package io.ifastapi.sessions;

/**
 * The text given to {@link PythonJson#parse(String)} is not a JSON object. Carries the character offset where
 * reading stopped, as Python's {@code JSONDecodeError.pos} does.
 */
public class MalformedJsonException extends IllegalArgumentException {

    private final int position;

    public MalformedJsonException(String message, int position) {
        super(message + " (at character " + position + ")");
        this.position = position;
    }

    /** Offset in the text, counted in UTF-16 units, where the problem was found. */
    public int position() {
        return position;
    }
}
