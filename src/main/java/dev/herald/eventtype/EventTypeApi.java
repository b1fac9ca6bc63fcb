package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The shapes of the tenant's event type API. */
public final class EventTypeApi {

    private EventTypeApi() {
    }

    public record EventTypeIn(
            @NotBlank @Pattern(regexp = EventType.NAME_PATTERN, message = "must match " + EventType.NAME_PATTERN)
            String name,
            @Size(max = 4000) String description,
            JsonNode schema,
            JsonNode example) {
    }

    /** The body of {@code PUT /event-types/{name}}: the name is the path's. */
    public record EventTypeUpdate(
            @Size(max = 4000) String description,
            JsonNode schema,
            JsonNode example,
            Boolean archived) {
    }

    public record EventTypeOut(String name, String description, JsonNode schema, JsonNode example, boolean archived,
            Instant createdAt, Instant updatedAt) {
        static EventTypeOut from(EventType type) {
            return new EventTypeOut(type.name, type.description, type.schema, type.example, type.archived,
                    type.createdAt, type.updatedAt);
        }
    }

    /** What an import did, or with {@code dryRun} would do, by event type name. */
    public record ImportReport(boolean dryRun, List<String> created, List<String> updated, List<String> unchanged) {
    }
}
