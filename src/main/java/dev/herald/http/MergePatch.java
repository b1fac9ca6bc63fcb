package dev.herald.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * PATCH as a shallow JSON merge: every top-level field present in the body replaces the current value (an explicit
 * null clears it), every absent one keeps it. The merged result is read as the resource's full input shape and
 * bean-validated, so a PATCH obeys exactly the rules of a PUT.
 */
@ApplicationScoped
public class MergePatch {

    private final ObjectMapper json;
    private final Validator validator;

    MergePatch(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> shape) throws JsonProcessingException {
        if (patch == null || !patch.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        ObjectNode merged = json.valueToTree(current);
        merged.setAll((ObjectNode) patch);
        T result = json.treeToValue(merged, shape);
        Set<ConstraintViolation<T>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return result;
    }
}
