package io.ifastapi.openapi;

import io.ifastapi.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A file served from the class path (a webjar's or this module's), read once at install time. Vendor files live
 * under a versioned URL, so they are cached for a year as immutable; the pages and init scripts, whose URLs do not
 * change with their content, are revalidated on every use.
 */
record WebJarAsset(byte[] bytes, String mediaType, String cacheControl) {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    static WebJarAsset load(String resource, String mediaType, String cacheControl) {
        try (InputStream in = WebJarAsset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " on the class path: ifastapi-openapi needs "
                        + "its webjar dependencies (org.webjars:swagger-ui, org.webjars:redoc); keep them in the "
                        + "application's jar when shading");
            }
            return new WebJarAsset(in.readAllBytes(), mediaType, cacheControl);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** The version of a webjar on the class path, from its Maven metadata (the directory its files live in). */
    static String version(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = WebJarAsset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + groupId + ":" + artifactId + " on the class path "
                        + "(no " + resource + "): ifastapi-openapi serves its files; add the dependency");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    Response response() {
        return Response.bytes(bytes, mediaType, 200).header("cache-control", cacheControl)
                .header("x-content-type-options", "nosniff");
    }
}
