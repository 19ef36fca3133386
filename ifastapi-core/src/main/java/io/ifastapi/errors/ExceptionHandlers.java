package io.ifastapi.errors;

import io.ifastapi.http.HTTPException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handlers registered with {@code app.exceptionHandler}, looked up by status (for {@link HTTPException}) or by
 * exception class, the nearest superclass winning, as Starlette's ExceptionMiddleware does.
 */
public final class ExceptionHandlers {
    private final Map<Integer, ExceptionHandler<? super HTTPException>> byStatus = new HashMap<>();
    private final Map<Class<?>, ExceptionHandler<Throwable>> byClass = new LinkedHashMap<>();

    public void add(int status, ExceptionHandler<? super HTTPException> handler) {
        byStatus.put(status, handler);
    }

    @SuppressWarnings("unchecked")
    public <E extends Throwable> void add(Class<E> type, ExceptionHandler<? super E> handler) {
        byClass.put(type, (ExceptionHandler<Throwable>) handler);
    }

    public ExceptionHandler<? super HTTPException> forStatus(int status) {
        return byStatus.get(status);
    }

    /** The handler of the exception's class or of its nearest registered superclass, or null. */
    public ExceptionHandler<Throwable> forClass(Class<?> type) {
        return forClass(type, Throwable.class);
    }

    /** As {@link #forClass(Class)}, looking no higher than {@code top}. */
    public ExceptionHandler<Throwable> forClass(Class<?> type, Class<?> top) {
        for (Class<?> c = type; c != null; c = c == top ? null : c.getSuperclass()) {
            ExceptionHandler<Throwable> handler = byClass.get(c);
            if (handler != null) {
                return handler;
            }
        }
        return null;
    }
}
