package io.ifastapi.examples.openapi;

import io.ifastapi.examples.CatalogApp;
import io.ifastapi.testclient.TestClient;

import java.io.IOException;
import java.util.Map;

/** Writes the catalog's /openapi.json to stdout, as served: run in a fresh JVM by DocumentStabilityTest. */
public final class PrintOpenApi {
    private PrintOpenApi() {
    }

    public static void main(String[] args) throws IOException {
        System.out.write(document());
        System.out.flush();
    }

    static byte[] document() {
        try (TestClient client = new TestClient(CatalogApp.create(Map.of("SECRET_KEY", "change-me-".repeat(4))))) {
            return client.get("/openapi.json").bytes();
        }
    }
}
