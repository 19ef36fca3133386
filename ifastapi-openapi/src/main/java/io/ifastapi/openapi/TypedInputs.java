package io.ifastapi.openapi;

import io.ifastapi.params.Parameter;
import io.ifastapi.params.RouteInputs;
import io.ifastapi.routing.DocumentedResponse;
import io.ifastapi.routing.Operation;
import io.ifastapi.security.SecurityScheme;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Documents what a route binds, from the same {@link RouteInputs} the router compiled for it: its query, header,
 * cookie and typed path parameters (its dependencies' too, flattened and deduplicated as FastAPI does), its JSON
 * body, its response model, the security schemes of the security helpers among its dependencies, its extra
 * documented responses, and the 422 when (and only when) a request can fail validation.
 */
final class TypedInputs implements OperationContributor {
    private static final List<String> LOCATIONS = List.of("path", "query", "header", "cookie");

    @Override
    public void contribute(Operation operation, OperationObject target, JsonSchemas schemas) {
        RouteInputs inputs = operation.inputs();
        List<Parameter> parameters = flatParameters(inputs);
        boolean validates = false;
        // FastAPI's order: by location (path, query, header, cookie), each the route's own first, then its
        // dependencies' depth first; a name met again in one location is the same parameter.
        for (String location : LOCATIONS) {
            for (Parameter parameter : parameters) {
                if (parameter.location().equals(location)) {
                    target.parameter(parameterObject(parameter, schemas));
                    validates |= canFail(parameter);
                }
            }
        }
        Type body = inputs.bodyType();
        List<Parameter> form = inputs.formFields();
        if (!form.isEmpty()) {
            target.requestBody(formBody(form, inputs.bodyMediaType(), target.operationId(), schemas));
            validates = true;
        } else if (body != null) {
            Map<String, Object> requestBody = new LinkedHashMap<>();
            requestBody.put("content", OperationObject.jsonContent(schemas.schema(unwrapOptional(body))));
            if (!inputs.bodyOptional()) {
                requestBody.put("required", true);
            }
            target.requestBody(requestBody);
            validates = true;
        }
        if (validates) {
            target.validatesInput();
        }
        if (operation.responseModel() != null) {
            Map<String, Object> schema = schemas.outputSchema(operation.responseModel().type());
            if (!schema.containsKey("$ref")) {
                // FastAPI's response field is named Response_{operationId}; its title is that name, titled.
                schema.put("title", Names.title("Response_" + target.operationId()));
            }
            target.responseSchema(schema);
        }
        for (DocumentedResponse extra : operation.responses()) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", extra.description());
            if (extra.model() != null && OperationObject.bodyAllowed(extra.status())) {
                response.put("content", OperationObject.jsonContent(schemas.outputSchema(extra.model())));
            }
            target.response(String.valueOf(extra.status()), response);
        }
        for (SecurityScheme scheme : securitySchemes(inputs)) {
            target.securityScheme(scheme.schemeName(), scheme.openApi());
        }
    }

    /**
     * A form body as FastAPI documents it: one object of the form's fields and files, registered as the component
     * {@code Body_<operationId>}, under the form's media type; required when one of its fields is.
     */
    private static Map<String, Object> formBody(List<Parameter> fields, String mediaType, String operationId,
                                                JsonSchemas schemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Parameter field : fields) {
            if (!seen.add(field.name())) {
                continue;
            }
            properties.put(field.name(), schemas.property(field.type(), field.name(), null, field.constraints(),
                    field.defaultValue(), JsonSchemas.Mode.INPUT));
            if (field.required()) {
                required.add(field.name());
            }
        }
        String name = "Body_" + operationId;
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("properties", properties);
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("title", name);
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("schema", schemas.component(name, schema));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put(mediaType, media);
        Map<String, Object> requestBody = new LinkedHashMap<>();
        requestBody.put("content", content);
        if (!required.isEmpty()) {
            requestBody.put("required", true);
        }
        return requestBody;
    }

    /** Own parameters first, then each dependency's (recursively), the first of a (name, location) kept. */
    static List<Parameter> flatParameters(RouteInputs inputs) {
        List<Parameter> all = new ArrayList<>();
        collect(inputs, all);
        Set<String> seen = new LinkedHashSet<>();
        List<Parameter> out = new ArrayList<>();
        for (Parameter parameter : all) {
            if (seen.add(parameter.location() + "\u0000" + parameter.name())) {
                out.add(parameter);
            }
        }
        return out;
    }

    private static void collect(RouteInputs inputs, List<Parameter> out) {
        out.addAll(inputs.ownParameters());
        for (RouteInputs.Dependent dependent : inputs.dependents()) {
            collect(dependent.inputs(), out);
        }
    }

    private static List<SecurityScheme> securitySchemes(RouteInputs inputs) {
        List<SecurityScheme> out = new ArrayList<>();
        for (RouteInputs.Dependent dependent : inputs.dependents()) {
            if (dependent.provider() instanceof SecurityScheme scheme) {
                out.add(scheme);
            }
            out.addAll(securitySchemes(dependent.inputs()));
        }
        return out;
    }

    private static Map<String, Object> parameterObject(Parameter parameter, JsonSchemas schemas) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", parameter.name());
        object.put("in", parameter.location());
        object.put("required", parameter.required());
        // Titled after the name on the wire, as pydantic titles an aliased field: x-request-id is "X-Request-Id".
        object.put("schema", schemas.parameter(parameter.type(), parameter.name(), null, parameter.constraints(),
                parameter.defaultValue()));
        return object;
    }

    /**
     * Whether a request can be refused for this parameter: a required one can be missing, a constrained one or one
     * of another type than text can be invalid; an optional unconstrained string (or list of them) always binds.
     */
    static boolean canFail(Parameter parameter) {
        return parameter.required() || !parameter.constraints().isEmpty() || !isText(parameter.type());
    }

    private static boolean isText(Type type) {
        Type value = unwrapOptional(type);
        if (value instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            value = p.getActualTypeArguments()[0];
        }
        return value == String.class || value == CharSequence.class;
    }

    private static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return p.getActualTypeArguments()[0];
        }
        return type;
    }
}
