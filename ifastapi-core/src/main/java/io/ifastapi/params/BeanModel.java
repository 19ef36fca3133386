package io.ifastapi.params;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain class used as a JSON body, Jackson-style: a no-argument constructor, and properties that are public
 * setters ({@code setName(String)}) or public non-final fields. Found once, when the route is registered, as method
 * handles: a request creates the object and calls the setters, no reflection.
 *
 * <p>Properties come in declaration order (superclass fields first, as pydantic orders an inherited model's), then
 * setters without a field of their name, by name. A setter's constraints and {@code @Default} are read from its
 * parameter, else from the setter method, else from the field of the same name (any visibility), where Jackson users
 * often put them.
 */
final class BeanModel {

    /** One property: its JSON name, declared type, where its annotations are and how to set it. */
    record Property(String name, Type type, Class<?> rawType, AnnotatedElement annotations, MethodHandle setter) {
    }

    private BeanModel() {
    }

    /**
     * True for a class that may be a bean: concrete, not an enum, a record or a JDK type, with a no-argument
     * constructor. Whether it has properties is checked by {@link #properties}.
     */
    static boolean isCandidate(Class<?> cls) {
        if (cls.isPrimitive() || cls.isArray() || cls.isInterface() || cls.isEnum() || cls.isRecord()
                || Modifier.isAbstract(cls.getModifiers()) || cls.getPackageName().startsWith("java.")
                || (cls.isMemberClass() && !Modifier.isStatic(cls.getModifiers()))) {
            return false;
        }
        try {
            cls.getDeclaredConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The handle that makes a new, empty instance: {@code () -> Object}. */
    static MethodHandle constructor(Class<?> type) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            return lookup.findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot create " + type.getName() + " from a request: its "
                    + "no-argument constructor is not accessible (" + e + "); make the class and its constructor "
                    + "public, or declare the body as a record", e);
        }
    }

    /** The properties, each with a setter handle {@code (Object bean, Object value) -> void}. */
    static List<Property> properties(Class<?> type) {
        MethodHandles.Lookup lookup;
        try {
            lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot read " + type.getName() + ": " + e + "; make it public or "
                    + "declare the body as a record", e);
        }
        Map<String, Method> setters = new LinkedHashMap<>();
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (isSetter(method)) {
                setters.putIfAbsent(propertyName(method.getName()), method);
            }
        }
        Map<String, Property> out = new LinkedHashMap<>();
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.addFirst(c);
        }
        try {
            for (Class<?> c : hierarchy) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
                            || out.containsKey(field.getName())) {
                        continue;
                    }
                    Method setter = setters.get(field.getName());
                    if (setter != null && setter.getParameterTypes()[0] == field.getType()) {
                        out.put(field.getName(), fromSetter(lookup, setter, field));
                    } else if (Modifier.isPublic(modifiers) && !Modifier.isFinal(modifiers)) {
                        out.put(field.getName(), new Property(field.getName(), field.getGenericType(),
                                field.getType(), field, lookup.unreflectSetter(field)
                                .asType(MethodType.methodType(void.class, Object.class, Object.class))));
                    }
                }
            }
            for (Map.Entry<String, Method> entry : setters.entrySet()) {
                if (!out.containsKey(entry.getKey())) {
                    out.put(entry.getKey(), fromSetter(lookup, entry.getValue(), null));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot set the properties of " + type.getName() + ": " + e
                    + "; make them public or declare the body as a record", e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has no properties to read from JSON: give it "
                    + "public setters or public non-final fields, or declare the body as a record, e.g. "
                    + "record " + type.getSimpleName() + "(String name, int qty) {}");
        }
        return List.copyOf(out.values());
    }

    private static Property fromSetter(MethodHandles.Lookup lookup, Method setter, Field field)
            throws IllegalAccessException {
        java.lang.reflect.Parameter parameter = setter.getParameters()[0];
        AnnotatedElement annotations = hasOwnAnnotations(parameter) ? parameter
                : hasOwnAnnotations(setter) ? setter
                : field != null && hasOwnAnnotations(field) ? field : setter;
        MethodHandle handle = lookup.unreflect(setter);
        if (setter.getReturnType() != void.class) {
            handle = MethodHandles.dropReturn(handle); // a fluent setter returning this
        }
        return new Property(propertyName(setter.getName()), setter.getGenericParameterTypes()[0],
                setter.getParameterTypes()[0], annotations,
                handle.asType(MethodType.methodType(void.class, Object.class, Object.class)));
    }

    private static boolean hasOwnAnnotations(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            String pkg = annotation.annotationType().getPackageName();
            if (pkg.equals("jakarta.validation.constraints") || pkg.equals(BeanModel.class.getPackageName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSetter(Method method) {
        return method.getName().length() > 3 && method.getName().startsWith("set")
                && Character.isUpperCase(method.getName().charAt(3)) && method.getParameterCount() == 1
                && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class
                && !method.isBridge();
    }

    /** Jackson's name of a setter's property: setName is "name", setURL is "url". */
    static String propertyName(String setter) {
        String rest = setter.substring(3);
        int upper = 0;
        while (upper < rest.length() && Character.isUpperCase(rest.charAt(upper))) {
            upper++;
        }
        if (upper <= 1) {
            return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
        }
        // "URLPath": lower every leading capital (Jackson's default), as "urlpath"
        return rest.substring(0, upper).toLowerCase(Locale.ROOT) + rest.substring(upper);
    }
}
