package io.ifastapi.openapi;

import io.ifastapi.routing.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1.0 document of a list of operations, as FastAPI's {@code get_openapi} does: paths in the
 * order routes were added, each route's methods in the order declared (HEAD left out beside GET, where it is
 * implicit), hidden routes left out, components sorted by name. Plain data out (maps and lists): the caller
 * serializes it once.
 */
public final class OpenApiGenerator {
    private final OpenApiInfo info;
    private final List<OperationContributor> contributors;

    public OpenApiGenerator(OpenApiInfo info, List<OperationContributor> contributors) {
        this.info = info;
        List<OperationContributor> all = new ArrayList<>();
        all.add(new PathParameters()); // first: typed declarations from later contributors replace its guesses
        all.add(new TypedInputs());
        all.addAll(contributors);
        this.contributors = List.copyOf(all);
    }

    /** The document of {@code operations}, as ordered maps ready to be written as JSON. */
    public Map<String, Object> generate(List<Operation> operations) {
        JsonSchemas schemas = new JsonSchemas();
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, String> operationIds = new LinkedHashMap<>();
        Map<String, Map<String, Object>> securitySchemes = new TreeMap<>();
        Map<String, String> schemeOwners = new LinkedHashMap<>();
        for (Operation operation : operations) {
            if (!operation.includeInSchema()) {
                continue;
            }
            String path = Names.pathFormat(operation.path());
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, p -> new LinkedHashMap<>());
            List<String> methods = documentedMethods(operation);
            for (String method : methods) {
                OperationObject target = new OperationObject(method, operation.statusCode());
                target.head = metadata(operation, method, methods.size() > 1, operationIds);
                target.deprecated = operation.deprecated();
                target.successResponse();
                for (OperationContributor contributor : contributors) {
                    contributor.contribute(operation, target, schemas);
                }
                item.put(method, target.toMap(schemas));
                collectSchemes(target, operation, method, securitySchemes, schemeOwners);
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", info.toMap());
        if (!info.servers().isEmpty()) {
            document.put("servers", info.servers());
        }
        document.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Map<String, Object>> models = schemas.components(); // settles the models' names
        if (!models.isEmpty()) {
            components.put("schemas", models);
        }
        if (!securitySchemes.isEmpty()) {
            components.put("securitySchemes", securitySchemes);
        }
        if (!components.isEmpty()) {
            document.put("components", components);
        }
        if (!info.tags().isEmpty()) {
            document.put("tags", info.tags());
        }
        return document;
    }

    /**
     * Gathers the operation's security schemes into {@code components.securitySchemes}, sorted by name. Two helpers
     * with one name but different definitions (two APIKeyHeader with different headers) would make one of them
     * wrong in the docs: FastAPI silently keeps one; here the start fails with the fix.
     */
    private static void collectSchemes(OperationObject target, Operation operation, String method,
                                       Map<String, Map<String, Object>> schemes, Map<String, String> owners) {
        String where = method.toUpperCase(Locale.ROOT) + " " + operation.path();
        target.securitySchemes().forEach((name, scheme) -> {
            Map<String, Object> existing = schemes.putIfAbsent(name, scheme);
            if (existing != null && !existing.equals(scheme)) {
                throw new IllegalStateException("Two security schemes are named '" + name + "' in the OpenAPI "
                        + "document: " + existing + " (" + owners.get(name) + ") and " + scheme + " (" + where
                        + "); override schemeName() in one of the helpers' subclasses (FastAPI's scheme_name)");
            }
            owners.putIfAbsent(name, where);
        });
    }

    /** The methods to document: HEAD beside GET is the implicit one (FastAPI documents GET only), OPTIONS alike. */
    private static List<String> documentedMethods(Operation operation) {
        List<String> methods = new ArrayList<>();
        boolean hasGet = operation.methods().contains("GET");
        for (String method : operation.methods()) {
            if (method.equals("HEAD") && hasGet) {
                continue;
            }
            methods.add(method.toLowerCase(Locale.ROOT));
        }
        return methods;
    }

    private static Map<String, Object> metadata(Operation operation, String method, boolean manyMethods,
            Map<String, String> operationIds) {
        Map<String, Object> head = new LinkedHashMap<>();
        if (!operation.tags().isEmpty()) {
            head.put("tags", operation.tags());
        }
        if (operation.summary() != null) {
            head.put("summary", operation.summary());
        } else if (operation.name() != null) {
            head.put("summary", Names.summary(operation.name()));
        }
        if (operation.description() != null) {
            head.put("description", operation.description());
        }
        // An explicit id serves one method; a route with several methods gets one id per method, since OpenAPI
        // wants them unique (FastAPI repeats the first method's id and warns).
        String id = operation.operationId() != null && !manyMethods ? operation.operationId()
                : operation.operationId() != null ? operation.operationId() + "_" + method
                : Names.operationId(operation, method);
        String previous = operationIds.putIfAbsent(id, method.toUpperCase(Locale.ROOT) + " " + operation.path());
        if (previous != null) {
            throw new IllegalStateException("Duplicate OpenAPI operationId '" + id + "' for "
                    + method.toUpperCase(Locale.ROOT) + " " + operation.path() + " and " + previous
                    + "; give one route another .name(...) or .operationId(...)");
        }
        head.put("operationId", id);
        return head;
    }
}
