package dev.herald.eventtype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.TestTenants.TenantKey;
import java.util.ArrayList;
import java.util.List;

/** Test data for catalogue tests: a varied catalogue created through the API, and the catalogue read back. */
final class Catalogues {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Local references into $defs, a property named like a number, data that looks like a reference. */
    static final String INVOICE_SCHEMA = """
            {"type":"object","required":["invoiceId","amount"],"additionalProperties":false,
             "properties":{"invoiceId":{"type":"string","pattern":"^inv_"},"amount":{"$ref":"#/$defs/money"},
               "200":{"type":"boolean"},"currency":{"type":"string","enum":["EUR","USD"],"default":"EUR"},
               "note":{"type":"object","const":{"$ref":"#/not/a/reference"}}},
             "$defs":{"money":{"type":"integer","minimum":1}}}""";
    static final String INVOICE_EXAMPLE = """
            {"invoiceId":"inv_1042","amount":4900,"200":true,"currency":"USD","note":{"$ref":"#/not/a/reference"}}""";
    /** A recursive schema: it refers to its own root. */
    static final String TREE_SCHEMA = """
            {"type":"object","required":["label"],"additionalProperties":false,
             "properties":{"label":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}}}""";
    static final String TREE_EXAMPLE = """
            {"label":"root","children":[{"label":"leaf","children":[]}]}""";

    private Catalogues() {
    }

    /** Five event types, one of them archived; returns the names of the four in use. */
    static List<String> aVariedCatalogue(TenantKey tenant) {
        create(tenant, "invoice.paid", "An invoice was paid in full.\nAmounts are in cents.", INVOICE_SCHEMA,
                INVOICE_EXAMPLE);
        create(tenant, "tree.node", "A node of a tree, with its children.", TREE_SCHEMA, TREE_EXAMPLE);
        // Strings a careless YAML writer would turn into numbers, booleans, nulls or syntax.
        create(tenant, "user.created", null, null, """
                {"userId":"usr_1","tags":["a",1,null,true,"true","null","yes","0755","1e3","","- x","a: b","#c","~",
                  "1_000","0x1F",".inf","  lead","trail  ","two\\nlines  \\n\\n","\\ttab","é ☃ 😀"]}""");
        create(tenant, "order.cancelled", "An order was cancelled before shipping.", null, null);
        create(tenant, "order.shipped", "Retired.", null, null);
        tenant.request().delete("/api/v1/event-types/order.shipped").then().statusCode(204);
        return List.of("invoice.paid", "order.cancelled", "tree.node", "user.created");
    }

    static void create(TenantKey tenant, String name, String description, String schema, String example) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        body.set("schema", schema == null ? null : read(schema));
        body.set("example", example == null ? null : read(example));
        tenant.request().body(body.toString()).post("/api/v1/event-types").then().statusCode(201);
    }

    /** The tenant's catalogue as the API shows it, archived types included, without the timestamps. */
    static List<JsonNode> catalogue(TenantKey tenant) {
        JsonNode page = read(tenant.request().queryParam("limit", 250).queryParam("includeArchived", true)
                .get("/api/v1/event-types").then().statusCode(200).extract().asString());
        List<JsonNode> types = new ArrayList<>();
        page.get("data").forEach(type -> {
            ObjectNode copy = type.deepCopy();
            copy.remove(List.of("createdAt", "updatedAt"));
            types.add(copy);
        });
        types.sort(java.util.Comparator.comparing(t -> t.get("name").asText()));
        return types;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
