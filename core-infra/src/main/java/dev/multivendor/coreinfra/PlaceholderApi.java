package dev.multivendor.coreinfra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The definition a vendor's REST API starts with: until the vendor's first release, every path answers 503 with a
 * problem document (a mock integration, no backend).
 */
final class PlaceholderApi {

    private PlaceholderApi() {
    }

    /** The OpenAPI 3 document (with API Gateway's extensions) of the placeholder API of {@code vendorId}. */
    static String definition(String vendorId) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.1");
        ObjectNode info = doc.putObject("info");
        info.put("title", Names.apiName(vendorId));
        info.put("version", "0");
        ObjectNode paths = doc.putObject("paths");
        for (String path : List.of("/", "/{proxy+}")) {
            ObjectNode any = paths.putObject(path).putObject("x-amazon-apigateway-any-method");
            if (path.contains("proxy")) {
                ObjectNode p = any.putArray("parameters").addObject();
                p.put("name", "proxy");
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            ObjectNode notReleased = any.putObject("responses").putObject("503");
            notReleased.put("description", "Not released yet");
            notReleased.putObject("headers").putObject("Content-Type").putObject("schema").put("type", "string");
            ObjectNode integration = any.putObject("x-amazon-apigateway-integration");
            integration.put("type", "mock");
            integration.putObject("requestTemplates").put("application/json", "{\"statusCode\": 503}");
            ObjectNode def = integration.putObject("responses").putObject("default");
            def.put("statusCode", "503");
            def.putObject("responseParameters").put("method.response.header.Content-Type",
                    "'application/problem+json'");
            def.putObject("responseTemplates").put("application/json", "{\"type\":\"about:blank\","
                    + "\"title\":\"Not released yet\",\"status\":503,\"detail\":\"" + vendorId
                    + " has not released this API yet\"}");
        }
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
