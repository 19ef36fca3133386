package io.ifastapi.openapi;

import io.ifastapi.routing.Operation;

/**
 * Adds to the documentation of one operation what a part of the framework knows about it: the path template's
 * parameters ({@link PathParameters}), the route's typed inputs, body, response model and security
 * ({@link TypedInputs}, over {@code Operation.inputs()}), then the app's own contributors. Called once per documented
 * method of each operation, when the document is generated, never per request.
 */
@FunctionalInterface
public interface OperationContributor {

    /**
     * @param operation the route as registered
     * @param target    the OpenAPI Operation Object being built for one method
     * @param schemas   the document's schema generator: register records and enums here so they land in
     *                  {@code components.schemas}
     */
    void contribute(Operation operation, OperationObject target, JsonSchemas schemas);
}
