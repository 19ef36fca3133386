package io.ifastapi.openapi;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Validates OpenAPI 3.1 documents with com.networknt:json-schema-validator against the OpenAPI Initiative's published
 * schema-base (the document and every Schema Object in it, under the OAS dialect), offline: the schemas' ids are
 * mapped to the copies in src/test/resources/oas-3.1 (see the README there).
 */
final class OpenApiSpecValidator {
    private static final String SCHEMA_BASE = "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07";
    private static final Schema SCHEMA = load();

    private OpenApiSpecValidator() {
    }

    private static Schema load() {
        Map<String, String> schemas = Map.of(
                "https://spec.openapis.org/oas/3.1/schema/2022-10-07", resource("schema.json"),
                SCHEMA_BASE, resource("schema-base.json"),
                "https://spec.openapis.org/oas/3.1/dialect/base", resource("dialect-base.schema.json"),
                "https://spec.openapis.org/oas/3.1/meta/base", resource("meta-base.schema.json"));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(schemas));
        return registry.getSchema(SchemaLocation.of(SCHEMA_BASE));
    }

    private static String resource(String name) {
        try (InputStream in = OpenApiSpecValidator.class.getResourceAsStream("/oas-3.1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems found, as readable lines; empty when the document is valid. */
    static List<String> validate(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
