package dev.herald.contract;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the committed {@code openapi.yaml} byte for byte (the build copies it onto the classpath), so that what
 * clients download is exactly the contract the drift test and the linter checked. Swagger UI reads it from here.
 */
@Path(OpenApiResource.PATH)
@PermitAll
public class OpenApiResource {

    public static final String PATH = "/openapi.yaml";
    static final String CLASSPATH_COPY = "contract/openapi.yaml";

    private final byte[] document;

    OpenApiResource() {
        this.document = load();
    }

    @GET
    @Produces({ "application/yaml", "text/yaml", "text/plain" })
    public byte[] document() {
        return document;
    }

    private static byte[] load() {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(CLASSPATH_COPY)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_COPY + " is missing from the classpath: the build copies "
                        + "the top-level openapi.yaml there (maven-resources-plugin, execution bundle-openapi)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
