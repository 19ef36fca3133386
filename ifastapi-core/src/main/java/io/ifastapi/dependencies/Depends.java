package io.ifastapi.dependencies;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Injects the value of a {@link Dependency} into a record component: {@code @Depends(CurrentUser.class) User user}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Depends {
    /** The provider class; it needs a no-argument constructor (any visibility). */
    @SuppressWarnings("rawtypes")
    Class<? extends Dependency> value();

    /** False to compute it again for this component even when it was already computed for the request. */
    boolean useCache() default true;
}
