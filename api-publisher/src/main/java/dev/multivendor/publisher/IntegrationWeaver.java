package dev.multivendor.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the document a vendor imports: its contract plus an {@code x-amazon-apigateway-integration} on every
 * operation, all pointing at the one target. The contracts say nothing about AWS; this is where AWS comes in.
 *
 * <p>An operation that already carries an integration keeps it, so that {@link DocumentValidator} can refuse it
 * when it points anywhere else (a contract file must not smuggle in a second target).
 */
public final class IntegrationWeaver {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}+]+)\\+?}");

    private IntegrationWeaver() {
    }

    /** The final document as a JSON tree, in the contract's key order (so output is deterministic). */
    public static ObjectNode weave(SourceDocument source, IntegrationTarget target, String region) {
        JsonNode tree;
        try {
            tree = YAML.readTree(source.text());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidDocumentException(List.of(new ValidationProblem(source.name(), line, "document",
                    "is not valid YAML/JSON: " + e.getOriginalMessage())));
        }
        if (!(tree instanceof ObjectNode document)) {
            throw new InvalidDocumentException(List.of(new ValidationProblem(source.name(), 1, "document",
                    "must be an OpenAPI object")));
        }
        for (Operations.Operation operation : Operations.of(document)) {
            if (!operation.node().has(Operations.INTEGRATION)) {
                operation.node().set(Operations.INTEGRATION, integrationFor(operation, target, region));
            }
        }
        return document;
    }

    /** The integration API Gateway needs for one operation to reach {@code target}. */
    static ObjectNode integrationFor(Operations.Operation operation, IntegrationTarget target, String region) {
        ObjectNode integration = YAML.createObjectNode();
        if (target instanceof IntegrationTarget.LambdaAlias lambda) {
            integration.put("type", "aws_proxy");
            // Lambda is always invoked with POST, whatever the client's method.
            integration.put("httpMethod", "POST");
            integration.put("uri", lambda.integrationUri(region));
            integration.put("passthroughBehavior", "when_no_match");
        } else if (target instanceof IntegrationTarget.HttpBackend http) {
            integration.put("type", "http_proxy");
            integration.put("httpMethod", operation.httpMethod());
            integration.put("uri", http.uriFor(operation.path()));
            integration.put("passthroughBehavior", "when_no_match");
            integration.put("connectionType", "INTERNET");
            ObjectNode parameters = integration.putObject("requestParameters");
            Matcher m = PATH_PARAMETER.matcher(operation.path());
            while (m.find()) {
                parameters.put("integration.request.path." + m.group(1), "method.request.path." + m.group(1));
            }
            // A static value is written in single quotes; the backend compares it in constant time.
            http.originVerifySecret().ifPresent(secret -> parameters.put(headerParameter(), "'" + secret + "'"));
        }
        return integration;
    }

    static String headerParameter() {
        return "integration.request.header." + IntegrationTarget.HttpBackend.ORIGIN_VERIFY_HEADER;
    }
}
