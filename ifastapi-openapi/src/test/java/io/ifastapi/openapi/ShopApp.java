package io.ifastapi.openapi;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;

import java.util.List;
import java.util.Map;

/** A small app that uses every piece of route metadata the document is made from. */
final class ShopApp {
    private ShopApp() {
    }

    static IFastAPI create() {
        IFastAPI app = new IFastAPI();
        app.get("/items/{item_id:int}", request -> Map.of("item_id", request.pathParam("item_id")))
                .name("read_item").tags("items");
        app.post("/items", request -> Map.of("created", true))
                .name("create_item").statusCode(201).tags("items", "admin").summary("Create an item")
                .description("Adds **one** item to the shop.");
        app.delete("/items/{item_id:uuid}", request -> Response.empty(204))
                .name("delete_item").statusCode(204).tags("admin").deprecated(true);
        app.get("/internal/health", request -> Map.of("ok", true)).name("health").includeInSchema(false);
        app.get("/files/{rest:path}", request -> request.pathParam("rest"));
        app.put("/prices/{price:float}", request -> Map.of()).operationId("setPrice");
        app.route("/ping", List.of("GET", "POST"), request -> "pong").name("ping");
        return app;
    }
}
