package dev.multivendor.coreinfra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Builds IAM policy statements and documents as ordered Jackson trees, so the synthesized JSON is byte-identical from
 * run to run (fields in the order IAM's documentation shows them: Sid, Effect, Action, Resource, Condition).
 */
final class PolicyStatements {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PolicyStatements() {
    }

    static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
        return statement(sid, "Allow", actions, resources);
    }

    static ObjectNode deny(String sid, List<String> actions, List<String> resources) {
        return statement(sid, "Deny", actions, resources);
    }

    static ObjectNode statement(String sid, String effect, List<String> actions, List<String> resources) {
        ObjectNode s = F.objectNode();
        s.put("Sid", sid);
        s.put("Effect", effect);
        s.set("Action", strings(actions));
        s.set("Resource", strings(resources));
        return s;
    }

    static ObjectNode withCondition(ObjectNode statement, ObjectNode condition) {
        statement.set("Condition", condition);
        return statement;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** The policy document (version 2012-10-17) of {@code statements}, as compact JSON text. */
    static String document(List<ObjectNode> statements) {
        ObjectNode doc = F.objectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode st = doc.putArray("Statement");
        statements.forEach(st::add);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
