package io.ifastapi.params;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic type kept at run time, for response models such as {@code new TypeRef<List<ItemOut>>() {}}.
 */
public abstract class TypeRef<T> {
    private final Type type;

    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalArgumentException("Write new TypeRef<List<ItemOut>>() {} (with the braces) so the "
                    + "type argument is kept");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    public Type type() {
        return type;
    }
}
