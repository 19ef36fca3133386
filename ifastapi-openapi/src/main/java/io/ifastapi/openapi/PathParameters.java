package io.ifastapi.openapi;

import io.ifastapi.routing.Operation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documents the parameters of the path template: {@code /items/{item_id:int}} takes a required path parameter
 * {@code item_id} of type integer. The converter gives the type (int: integer, float: number, uuid: string/uuid,
 * str, path and custom ones: string). A typed declaration of the same parameter, when the route has one, replaces
 * this one (see {@link OperationObject#parameter}).
 */
final class PathParameters implements OperationContributor {
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?}");

    @Override
    public void contribute(Operation operation, OperationObject target, JsonSchemas schemas) {
        Matcher m = PARAM.matcher(operation.path());
        while (m.find()) {
            String name = m.group(1);
            Map<String, Object> schema = new LinkedHashMap<>();
            switch (m.group(2) == null ? "str" : m.group(2)) {
                case "int" -> schema.put("type", "integer");
                case "float" -> schema.put("type", "number");
                case "uuid" -> {
                    schema.put("type", "string");
                    schema.put("format", "uuid");
                }
                default -> schema.put("type", "string");
            }
            schema.put("title", Names.title(name));
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("name", name);
            parameter.put("in", "path");
            parameter.put("required", true);
            parameter.put("schema", schema);
            target.parameter(parameter);
        }
    }
}
