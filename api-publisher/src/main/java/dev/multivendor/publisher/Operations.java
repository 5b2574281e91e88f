package dev.multivendor.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operations of an OpenAPI document in document order, as API Gateway sees them. */
final class Operations {

    static final String INTEGRATION = "x-amazon-apigateway-integration";
    static final String ANY_METHOD = "x-amazon-apigateway-any-method";
    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace", ANY_METHOD);

    /** One operation: its HTTP method key as written, its path, and its (mutable) object. */
    record Operation(String methodKey, String path, ObjectNode node) {

        /** The HTTP method API Gateway routes, {@code ANY} for the any-method extension. */
        String httpMethod() {
            return ANY_METHOD.equals(methodKey) ? "ANY" : methodKey.toUpperCase(Locale.ROOT);
        }

        /** How messages name the operation: its operationId (when it has one), method and path. */
        String label() {
            JsonNode id = node.get("operationId");
            String method = httpMethod() + " " + path;
            return id != null && id.isTextual() ? "operation " + id.asText() + " (" + method + ")" : "operation " + method;
        }
    }

    private Operations() {
    }

    static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = document.get("paths");
        if (paths == null || !paths.isObject()) {
            return operations;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pathItem = it.next();
            if (!pathItem.getValue().isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = pathItem.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey()) && op.getValue().isObject()) {
                    operations.add(new Operation(op.getKey(), pathItem.getKey(), (ObjectNode) op.getValue()));
                }
            }
        }
        return operations;
    }
}
