package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifastapi.dependencies.Dependency;
import io.ifastapi.dependencies.DependencyOverrides;
import io.ifastapi.dependencies.Depends;
import io.ifastapi.forms.FormData;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.http.Params;
import io.ifastapi.http.Request;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A route's declared inputs, compiled once when the route is registered (FastAPI's {@code Dependant}): for each
 * component of the input record, where it comes from (path, query, header, cookie, body, a dependency), its
 * validator, default and name on the wire; plus the route's own extra dependencies (router- and app-level). Binding
 * a request walks these slots: no reflection, every error collected, then one 422 or the record built through a
 * method handle to its canonical constructor.
 *
 * <p>Order of errors as FastAPI's: dependencies' first, then path, query, header, cookie parameters, then the body.
 */
public final class RouteInputs {
    /** The inputs of a route that declares none. */
    public static final RouteInputs NONE = new RouteInputs(null, new Slot[0], null, List.of());

    private static final Map<Object, Provider> PROVIDERS = new ConcurrentHashMap<>();
    /**
     * Override objects (lambdas) compiled once per app's overrides, so an installed override costs no reflection per
     * request; weakly keyed by the overrides, so an app's go with it.
     */
    private static final Map<DependencyOverrides, Map<Object, Provider>> OVERRIDE_PROVIDERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Where an input comes from; {@link #rank} is FastAPI's order of errors (body, form and file fields as one). */
    enum Kind {
        DEPENDS(0), PATH(1), QUERY(2), HEADER(3), COOKIE(4), BODY(5), FORM(5), FILE(5);

        final int rank;

        Kind(int rank) {
            this.rank = rank;
        }
    }

    /** One component of the input record. */
    private record Slot(int index, Kind kind, String name, RecordValidator.Field field, Provider provider,
                        boolean useCache, Parameter parameter, FormBinding.FileShape fileShape) {
    }

    /** A compiled dependency provider: the object and its own inputs. */
    record Provider(Object key, Dependency<Object, Object> instance, RouteInputs inputs, boolean closes) {
    }

    private final Class<?> type;
    private final Slot[] slots;
    /** The slot indexes in binding order (dependencies, path, query, header, cookie, body). */
    private final int[] order;
    private final MethodHandle constructor;
    /** Set when the whole record is the body. */
    private final RecordValidator wholeBody;
    private final List<Provider> extraDependencies;
    /** This route or one of its dependencies declares a JSON body, or form fields: read before dependencies run. */
    private final boolean readsJson;
    private final boolean readsForm;

    private RouteInputs(Class<?> type, Slot[] slots, RecordValidator wholeBody, List<Provider> extra) {
        this.type = type;
        this.slots = slots;
        this.wholeBody = wholeBody;
        this.extraDependencies = List.copyOf(extra);
        List<Integer> ordered = new ArrayList<>();
        for (int rank = 0; rank <= Kind.BODY.rank; rank++) {
            for (Slot slot : slots) {
                if (slot.kind.rank == rank) {
                    ordered.add(slot.index);
                }
            }
        }
        this.order = ordered.stream().mapToInt(Integer::intValue).toArray();
        this.constructor = type == null || wholeBody != null ? null : constructorOf(type);
        this.readsJson = bodyType() != null;
        this.readsForm = !formFields().isEmpty();
    }

    /**
     * Compiles the inputs of a route.
     *
     * @param type         the input record, or null for a route without one
     * @param pathNames    the parameter names of the route's path template
     * @param dependencies router- and app-level dependencies, run before the route's own (their values unused)
     */
    public static RouteInputs compile(Class<?> type, Set<String> pathNames, List<Object> dependencies) {
        List<Provider> extra = new ArrayList<>();
        for (Object dependency : dependencies) {
            extra.add(provider(dependency, new ArrayList<>()));
        }
        if (type == null) {
            return extra.isEmpty() ? NONE : new RouteInputs(null, new Slot[0], null, extra);
        }
        return compile(type, pathNames, extra, new ArrayList<>());
    }

    /**
     * These inputs with more dependencies run before all of this route's own: what an including router (or the app)
     * and {@code include(router, prefix, dependencies...)} add in front of an included router's routes, so the order
     * is FastAPI's (app, include-time, router, route). Compiled now, once per included route.
     */
    public RouteInputs withDependenciesBefore(List<Object> dependencies) {
        if (dependencies.isEmpty()) {
            return this;
        }
        List<Provider> extra = new ArrayList<>();
        for (Object dependency : dependencies) {
            extra.add(provider(dependency, new ArrayList<>()));
        }
        extra.addAll(extraDependencies);
        return new RouteInputs(type, slots, wholeBody, extra);
    }

    private static RouteInputs compile(Class<?> type, Set<String> pathNames, List<Provider> extra,
                                       List<Object> resolving) {
        if (!type.isRecord()) {
            if (BeanModel.isCandidate(type)) {
                // A plain class is a JSON body (FastAPI's model parameter), its properties the fields.
                return new RouteInputs(type, new Slot[0], RecordValidator.of(type), extra);
            }
            throw new IllegalArgumentException("The inputs of a route are a record (or, for a JSON body, a class "
                    + "with a no-argument constructor and public setters or fields); " + type.getName() + " is "
                    + "neither. Declare e.g. record ListItems(@Query int limit) {} and pass ListItems.class");
        }
        RecordComponent[] components = type.getRecordComponents();
        if (isPlainBody(components, pathNames)) {
            return new RouteInputs(type, new Slot[0], RecordValidator.of(type), extra);
        }
        Slot[] slots = new Slot[components.length];
        int bodies = 0;
        String formField = null;
        for (int i = 0; i < components.length; i++) {
            slots[i] = slot(i, components[i], type, pathNames, resolving);
            if (slots[i].kind == Kind.BODY && ++bodies > 1) {
                throw new IllegalArgumentException(type.getName() + " declares more than one body ("
                        + components[i].getName() + "); a route has one JSON body: put the fields into one record");
            }
            if (slots[i].kind == Kind.FORM || slots[i].kind == Kind.FILE) {
                formField = components[i].getName();
            }
        }
        if (bodies > 0 && formField != null) {
            throw new IllegalArgumentException(type.getName() + " declares a JSON body and a form field ("
                    + formField + "); a request body is either JSON or a form: make the body's fields @Form fields");
        }
        return new RouteInputs(type, slots, null, extra);
    }

    /** No component is a parameter, a dependency or named like a path parameter: the record is the body. */
    private static boolean isPlainBody(RecordComponent[] components, Set<String> pathNames) {
        for (RecordComponent c : components) {
            if (c.isAnnotationPresent(Path.class) || c.isAnnotationPresent(Query.class)
                    || c.isAnnotationPresent(Header.class) || c.isAnnotationPresent(Cookie.class)
                    || c.isAnnotationPresent(Body.class) || c.isAnnotationPresent(Depends.class)
                    || c.isAnnotationPresent(Form.class) || c.isAnnotationPresent(File.class)
                    || pathNames.contains(c.getName())) {
                return false;
            }
        }
        return true;
    }

    private static Slot slot(int index, RecordComponent c, Class<?> owner, Set<String> pathNames,
                             List<Object> resolving) {
        String where = owner.getSimpleName() + "." + c.getName();
        Depends depends = c.getAnnotation(Depends.class);
        if (depends != null) {
            return new Slot(index, Kind.DEPENDS, c.getName(), null, provider(depends.value(), resolving),
                    depends.useCache(), null, null);
        }
        if (c.isAnnotationPresent(File.class)) {
            return fileSlot(index, c, where);
        }
        Kind kind;
        String name;
        if (c.isAnnotationPresent(Path.class) || (pathNames.contains(c.getName())
                && !c.isAnnotationPresent(Query.class) && !c.isAnnotationPresent(Header.class)
                && !c.isAnnotationPresent(Cookie.class) && !c.isAnnotationPresent(Body.class)
                && !c.isAnnotationPresent(Form.class))) {
            kind = Kind.PATH;
            Path path = c.getAnnotation(Path.class);
            name = path == null || path.value().isEmpty() ? c.getName() : path.value();
            if (!pathNames.contains(name)) {
                throw new IllegalArgumentException(where + " is declared @Path(\"" + name + "\") but the route's "
                        + "path has no {" + name + "} (it has " + pathNames + ")");
            }
        } else if (c.isAnnotationPresent(Header.class)) {
            kind = Kind.HEADER;
            Header header = c.getAnnotation(Header.class);
            name = !header.value().isEmpty() ? header.value()
                    : header.convertUnderscores() ? headerName(c.getName()) : c.getName();
        } else if (c.isAnnotationPresent(Cookie.class)) {
            kind = Kind.COOKIE;
            Cookie cookie = c.getAnnotation(Cookie.class);
            name = cookie.value().isEmpty() ? c.getName() : cookie.value();
        } else if (c.isAnnotationPresent(Form.class)) {
            kind = Kind.FORM;
            Form form = c.getAnnotation(Form.class);
            name = form.value().isEmpty() ? c.getName() : form.value();
        } else if (c.isAnnotationPresent(Body.class) || c.getType().isRecord() || BeanModel.isCandidate(c.getType())) {
            kind = Kind.BODY;
            name = "body";
        } else {
            kind = Kind.QUERY;
            Query query = c.getAnnotation(Query.class);
            name = query == null || query.value().isEmpty() ? c.getName() : query.value();
        }
        RecordValidator.Field field = RecordValidator.field(c, name, where);
        if (kind == Kind.PATH && !field.required()) {
            throw new IllegalArgumentException(where + ": a path parameter is always required; remove its @Default "
                    + "or Optional");
        }
        if ((kind == Kind.PATH || kind == Kind.COOKIE) && field.validator().isMulti()) {
            throw new IllegalArgumentException(where + ": a " + kind.name().toLowerCase() + " parameter holds one "
                    + "value; a List or Set works for query parameters and headers");
        }
        if (kind != Kind.BODY && (field.validator() instanceof RecordValidator
                || field.validator() instanceof Validators.MapValidator)) {
            throw new IllegalArgumentException(where + ": a record or map comes from the JSON body; annotate it "
                    + "@Body (or drop its @" + kind.name().charAt(0) + kind.name().substring(1).toLowerCase() + ")");
        }
        Parameter parameter = kind == Kind.BODY ? null : new Parameter(name, kind.name().toLowerCase(),
                c.getGenericType(), field.required(), field.defaultValue(), Constraints.describe(c.getAccessor()));
        return new Slot(index, kind, name, field, null, true, parameter, null);
    }

    /** A {@link File} component: UploadFile, Optional&lt;UploadFile&gt; or List&lt;UploadFile&gt;, no constraints. */
    private static Slot fileSlot(int index, RecordComponent c, String where) {
        File file = c.getAnnotation(File.class);
        String name = file.value().isEmpty() ? c.getName() : file.value();
        Type type = c.getGenericType();
        FormBinding.FileShape shape = null;
        if (type == UploadFile.class) {
            shape = FormBinding.FileShape.SINGLE;
        } else if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] == UploadFile.class) {
            if (p.getRawType() == Optional.class) {
                shape = FormBinding.FileShape.OPTIONAL;
            } else if (p.getRawType() == List.class) {
                shape = FormBinding.FileShape.LIST;
            }
        }
        if (shape == null) {
            throw new IllegalArgumentException(where + ": a @File component is an UploadFile, Optional<UploadFile> "
                    + "or List<UploadFile>, not " + type.getTypeName() + "; for a text field use @Form");
        }
        if (c.isAnnotationPresent(Default.class) || !Constraints.describe(c.getAccessor()).isEmpty()) {
            throw new IllegalArgumentException(where + ": a @File component takes no @Default or constraint; use "
                    + "Optional<UploadFile> for an optional upload and check sizes in the handler");
        }
        Parameter parameter = new Parameter(name, "file", type, shape != FormBinding.FileShape.OPTIONAL,
                shape == FormBinding.FileShape.OPTIONAL ? Optional.empty() : null, Map.of());
        return new Slot(index, Kind.FILE, name, null, null, true, parameter, shape);
    }

    /** FastAPI's convert_underscores, plus Java's camel humps: x_token and xToken both read the header x-token. */
    static String headerName(String component) {
        StringBuilder out = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '_') {
                out.append('-');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && component.charAt(i - 1) != '_') {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ----- dependencies -----

    @SuppressWarnings("unchecked")
    private static Provider provider(Object classOrInstance, List<Object> resolving) {
        Provider cached = PROVIDERS.get(classOrInstance);
        if (cached != null) {
            return cached;
        }
        if (resolving.contains(classOrInstance)) {
            throw new IllegalArgumentException("Dependency cycle: " + resolving + " -> " + classOrInstance);
        }
        resolving.add(classOrInstance);
        Dependency<Object, Object> instance;
        Class<?> providerClass;
        if (classOrInstance instanceof Class<?> cls) {
            providerClass = cls;
            instance = (Dependency<Object, Object>) instantiate(cls);
        } else {
            instance = (Dependency<Object, Object>) classOrInstance;
            providerClass = instance.getClass();
        }
        Class<?> paramsType = paramsTypeOf(providerClass);
        RouteInputs inputs = paramsType == null || paramsType == Void.class ? null
                : compile(paramsType, Set.of(), List.of(), resolving);
        resolving.remove(classOrInstance);
        Provider provider = new Provider(classOrInstance, instance, inputs, overridesClose(instance.getClass()));
        // Instances may be lambdas made per call (overrides); only classes are worth keeping.
        if (classOrInstance instanceof Class<?>) {
            PROVIDERS.putIfAbsent(classOrInstance, provider);
        }
        return provider;
    }

    /** True when the provider cleans up itself (FastAPI's code after yield), not only AutoCloseable results. */
    private static boolean overridesClose(Class<?> cls) {
        try {
            return cls.getMethod("close", Object.class).getDeclaringClass() != Dependency.class;
        } catch (NoSuchMethodException e) {
            return true; // cannot tell: keep the clean-up
        }
    }

    private static Object instantiate(Class<?> cls) {
        if (!Dependency.class.isAssignableFrom(cls)) {
            throw new IllegalArgumentException(cls.getName() + " is not a Dependency; @Depends takes a class that "
                    + "implements io.ifastapi.dependencies.Dependency");
        }
        try {
            Constructor<?> constructor = cls.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("The dependency " + cls.getName() + " needs a no-argument constructor "
                    + "(a static nested or top-level class); configure it there, e.g. super(\"X-API-Key\")");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot instantiate the dependency " + cls.getName() + ": " + e, e);
        }
    }

    /** The P of Dependency&lt;P, T&gt; as the provider class binds it, or null when it cannot be told. */
    private static Class<?> paramsTypeOf(Class<?> cls) {
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Dependency.class) {
                    Type arg = p.getActualTypeArguments()[0];
                    return arg instanceof Class<?> k ? k : null;
                }
            }
        }
        return null;
    }

    // ----- binding -----

    /** True for a route that declares nothing: it binds nothing and pays nothing. */
    public boolean isEmpty() {
        return type == null && extraDependencies.isEmpty();
    }

    /**
     * Binds and validates a request into the input record (or null for a route without one), resolving the
     * dependencies in {@code scope}; throws {@link RequestValidationError} with every error found.
     */
    public Object bind(Request request, DependencyScope scope) throws Exception {
        Errors errors = new Errors();
        // FastAPI reads the body before it solves any dependency: malformed JSON is a 422 json_invalid (alone), and
        // a malformed form a 400, even when a dependency would refuse the request (a missing API key).
        Object json = null;
        if (readsJson) {
            json = JsonBody.read(request, errors, true);
            errors.throwIfAny();
        } else if (readsForm) {
            request.form();
        }
        Object value = bind(request, scope, errors, json);
        errors.throwIfAny();
        return value;
    }

    private Object bind(Request request, DependencyScope scope, Errors errors, Object json) throws Exception {
        for (Provider provider : extraDependencies) {
            resolve(provider, true, request, scope, errors, json);
        }
        if (type == null) {
            return null;
        }
        if (wholeBody != null) {
            return body(json, wholeBody, true, null, false, errors);
        }
        Object[] args = new Object[slots.length];
        Params query = null;
        FormData form = null;
        int before = errors.size();
        for (int i : order) {
            Slot slot = slots[i];
            RecordValidator.Field field = slot.field;
            args[i] = switch (slot.kind) {
                case DEPENDS -> resolve(slot.provider, slot.useCache, request, scope, errors, json);
                case PATH -> {
                    Object raw = request.pathParams().get(slot.name);
                    yield text(raw == null ? null : raw.toString(), null, "path", slot, errors);
                }
                case QUERY -> {
                    if (query == null) {
                        query = request.queryParams();
                    }
                    yield field.validator().isMulti() ? text(null, query.getAll(slot.name), "query", slot, errors)
                            : text(query.last(slot.name), null, "query", slot, errors); // FastAPI: the last value
                }
                case HEADER -> field.validator().isMulti()
                        ? text(null, request.headers().getAll(slot.name), "header", slot, errors)
                        : text(request.header(slot.name), null, "header", slot, errors);
                case COOKIE -> text(request.cookie(slot.name), null, "cookie", slot, errors);
                case BODY -> body(json, field.validator(), field.required(), field.defaultValue(),
                        field.optional(), errors);
                case FORM -> {
                    if (form == null) {
                        form = request.form();
                    }
                    yield FormBinding.field(form, slot.name, field, errors);
                }
                case FILE -> {
                    if (form == null) {
                        form = request.form();
                    }
                    yield FormBinding.file(form, slot.name, slot.fileShape, errors);
                }
            };
        }
        if (errors.size() > before) {
            return Errors.INVALID;
        }
        try {
            return constructor.invokeExact(args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object text(String raw, List<String> raws, String location, Slot slot, Errors errors) {
        RecordValidator.Field field = slot.field;
        boolean absent = raws == null ? raw == null : raws.isEmpty();
        if (absent) {
            if (field.required()) {
                errors.push(location);
                errors.push(slot.name);
                errors.add("missing", "Field required", null, null);
                errors.pop();
                errors.pop();
                return Errors.INVALID;
            }
            return field.defaultValue();
        }
        errors.push(location);
        errors.push(slot.name);
        Object value = raws == null ? field.validator().fromText(raw, errors)
                : field.validator().fromTexts(raws, errors);
        errors.pop();
        errors.pop();
        return field.optional() && value != Errors.INVALID ? Optional.of(value) : value;
    }

    /** {@code node}: the body as {@link JsonBody#read} gave it, read once before the dependencies. */
    private static Object body(Object node, Validator validator, boolean required, Object defaultValue,
                               boolean optional, Errors errors) {
        errors.push("body");
        try {
            if (node == JsonBody.ABSENT) {
                return required ? errors.add("missing", "Field required", null, null) : defaultValue;
            }
            Object value = validator.fromJson((JsonNode) node, errors);
            return optional && value != Errors.INVALID ? Optional.of(value) : value;
        } finally {
            errors.pop();
        }
    }

    private static Object resolve(Provider declared, boolean useCache, Request request, DependencyScope scope,
                                  Errors errors, Object json) throws Exception {
        Provider provider = overridden(declared, request);
        if (useCache) {
            Object cached = scope.cached(declared.key);
            if (cached != null) {
                return cached == DependencyScope.NULL ? null : cached;
            }
        }
        Object params = null;
        if (provider.inputs != null) {
            params = provider.inputs.bind(request, scope, errors, json);
            if (params == Errors.INVALID) {
                return Errors.INVALID;
            }
        }
        Object value;
        try {
            value = provider.instance.provide(request, params);
        } catch (RequestValidationError e) {
            // A provider that validates by hand (OAuth2PasswordRequestForm reads the form) joins the route's 422.
            errors.addAll(e.errors());
            return Errors.INVALID;
        }
        scope.add(declared.key, value, provider.instance, provider.closes);
        return value;
    }

    private static Provider overridden(Provider declared, Request request) {
        if (request.app() instanceof DependencyOverrides.Holder holder) {
            DependencyOverrides overrides = holder.dependencyOverrides();
            if (!overrides.isEmpty()) {
                Object replacement = overrides.get(declared.key);
                if (replacement instanceof Class<?>) {
                    return provider(replacement, new ArrayList<>()); // classes are compiled once, in PROVIDERS
                }
                if (replacement != null) {
                    return OVERRIDE_PROVIDERS.computeIfAbsent(overrides, o -> new ConcurrentHashMap<>())
                            .computeIfAbsent(replacement, r -> provider(r, new ArrayList<>()));
                }
            }
        }
        return declared;
    }

    private static MethodHandle constructorOf(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            return lookup.findConstructor(type, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot build " + type.getName() + " from requests: its canonical "
                    + "constructor is not accessible (" + e + "); make the record public", e);
        }
    }

    // ----- for the OpenAPI generator -----

    /** The input record, or null. */
    public Class<?> type() {
        return type;
    }

    /** The declared path, query, header and cookie parameters, dependencies' included, in binding order. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Provider provider : extraDependencies) {
            if (provider.inputs != null) {
                out.addAll(provider.inputs.parameters());
            }
        }
        for (int i : order) {
            Slot slot = slots[i];
            if (slot.kind == Kind.DEPENDS) {
                if (slot.provider.inputs != null) {
                    out.addAll(slot.provider.inputs.parameters());
                }
            } else if (slot.parameter != null && slot.kind != Kind.FORM && slot.kind != Kind.FILE) {
                out.add(slot.parameter);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The parameters this record declares itself, in declaration order, without its dependencies' (see
     * {@link #dependents()}): FastAPI lists an operation's own parameters before those of its dependencies.
     */
    public List<Parameter> ownParameters() {
        List<Parameter> out = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.parameter != null && slot.kind != Kind.FORM && slot.kind != Kind.FILE) {
                out.add(slot.parameter);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The declared form fields and files, dependencies' included, in declaration order: each a {@link Parameter}
     * whose location is "form" or "file". FastAPI documents them as one request body object, of media type
     * {@link #bodyMediaType()}.
     */
    public List<Parameter> formFields() {
        List<Parameter> out = new ArrayList<>();
        for (Provider provider : extraDependencies) {
            addFormFields(provider, out);
        }
        for (int i : order) {
            Slot slot = slots[i];
            if (slot.kind == Kind.DEPENDS) {
                addFormFields(slot.provider, out);
            } else if (slot.kind == Kind.FORM || slot.kind == Kind.FILE) {
                out.add(slot.parameter);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A provider's form fields: those of its declared inputs, or those it reads itself (OAuth2PasswordRequestForm). */
    private static void addFormFields(Provider provider, List<Parameter> out) {
        if (provider.inputs != null) {
            out.addAll(provider.inputs.formFields());
        }
        if (provider.instance instanceof FormFields reads) {
            out.addAll(reads.formFields());
        }
    }

    /**
     * The dependencies this route resolves, router- and app-level first, then the record's {@code @Depends} in
     * declaration order: each provider instance with its own inputs ({@link #NONE} for none), so the OpenAPI
     * generator can walk sub-dependencies for their parameters and security schemes.
     */
    public List<Dependent> dependents() {
        List<Dependent> out = new ArrayList<>();
        for (Provider provider : extraDependencies) {
            out.add(new Dependent(provider.instance, provider.inputs == null ? NONE : provider.inputs));
        }
        for (Slot slot : slots) {
            if (slot.kind == Kind.DEPENDS) {
                out.add(new Dependent(slot.provider.instance, slot.provider.inputs == null ? NONE
                        : slot.provider.inputs));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** One dependency of a route as the OpenAPI generator sees it: the provider and its inputs. */
    public record Dependent(Dependency<?, ?> provider, RouteInputs inputs) {
    }

    /** True when the body is declared Optional or with a default: a request may come without one. */
    public boolean bodyOptional() {
        if (wholeBody != null) {
            return false;
        }
        for (Slot slot : slots) {
            if (slot.kind == Kind.BODY) {
                return !slot.field.required();
            }
            if (slot.kind == Kind.DEPENDS && slot.provider.inputs != null && slot.provider.inputs.bodyType() != null) {
                return slot.provider.inputs.bodyOptional();
            }
        }
        return false;
    }

    /**
     * The request body's media type as FastAPI documents it: "multipart/form-data" when a file is declared,
     * "application/x-www-form-urlencoded" for form fields alone, "application/json" for a JSON body, null for none.
     */
    public String bodyMediaType() {
        List<Parameter> fields = formFields();
        if (!fields.isEmpty()) {
            for (Parameter field : fields) {
                if (field.location().equals("file")) {
                    return "multipart/form-data";
                }
            }
            return "application/x-www-form-urlencoded";
        }
        return bodyType() != null ? "application/json" : null;
    }

    /** The JSON body's declared type (a record, a List of records...), or null when the route reads none. */
    public Type bodyType() {
        if (wholeBody != null) {
            return type;
        }
        for (Slot slot : slots) {
            if (slot.kind == Kind.BODY) {
                return slot.field.type();
            }
            if (slot.kind == Kind.DEPENDS && slot.provider.inputs != null && slot.provider.inputs.bodyType() != null) {
                return slot.provider.inputs.bodyType();
            }
        }
        return null;
    }

    /** The dependency providers (classes or objects) this route resolves, its router's and app's first. */
    public List<Object> dependencies() {
        List<Object> out = new ArrayList<>();
        for (Provider provider : extraDependencies) {
            out.add(provider.key);
        }
        for (Slot slot : slots) {
            if (slot.kind == Kind.DEPENDS) {
                out.add(slot.provider.key);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("type", type == null ? null : type.getName());
        summary.put("parameters", parameters());
        summary.put("body", bodyType());
        if (!formFields().isEmpty()) {
            summary.put("form", formFields());
        }
        return "RouteInputs" + summary;
    }
}
