package dev.herald.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** The shapes of the tenant's application API. */
public final class ApplicationApi {

    private ApplicationApi() {
    }

    /** The body of POST and PUT, and what a PATCH is merged into. */
    public record ApplicationIn(
            @NotBlank @Size(max = 256) String name,
            @Pattern(regexp = Application.UID_PATTERN, message = "must match " + Application.UID_PATTERN)
            @Pattern(regexp = "^(?!app_).*$", message = "must not start with app_ (that prefix is for ids)")
            String uid,
            @Size(max = 100) Map<String, String> metadata) {

        static ApplicationIn from(Application app) {
            return new ApplicationIn(app.name, app.uid, app.metadata);
        }
    }

    public record ApplicationOut(String id, String uid, String name, Map<String, String> metadata,
            Instant createdAt, Instant updatedAt) {
        static ApplicationOut from(Application app) {
            return new ApplicationOut(app.id, app.uid, app.name, app.metadata, app.createdAt, app.updatedAt);
        }
    }
}
