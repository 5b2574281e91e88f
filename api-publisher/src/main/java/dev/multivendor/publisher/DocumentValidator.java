package dev.multivendor.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the final document before anything is sent: it is a valid OpenAPI 3.0 document, every operation is
 * integrated, and every integration points at the given target and nowhere else.
 */
public final class DocumentValidator {

    /** Integration fields that would point the operation somewhere other than the target. */
    private static final Set<String> FOREIGN_FIELDS = Set.of("credentials", "connectionId");

    private DocumentValidator() {
    }

    /** Throws {@link InvalidDocumentException} listing every problem; returns normally when there is none. */
    public static void validate(SourceDocument source, ObjectNode document, IntegrationTarget target, String region) {
        List<ValidationProblem> problems = new ArrayList<>();
        String name = source.name();

        JsonNode version = document.get("openapi");
        if (version == null || !version.isTextual() || !version.asText().startsWith("3.0.")) {
            // API Gateway REST APIs import OpenAPI 2.0 and 3.0; the contracts are 3.0.
            problems.add(new ValidationProblem(name, 1, "document", "field openapi must be 3.0.x, found "
                    + (version == null ? "nothing" : version.toString())));
        } else {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.toString(), null, options);
            if (parsed.getMessages() != null) {
                parsed.getMessages().forEach(m -> problems.add(new ValidationProblem(name, 0, "document", m)));
            }
        }
        if (document.has("x-amazon-apigateway-policy")) {
            problems.add(new ValidationProblem(name, 0, "document", "field x-amazon-apigateway-policy is not allowed:"
                    + " the API's resource policy belongs to the core team"));
        }

        List<Operations.Operation> operations = Operations.of(document);
        if (operations.isEmpty()) {
            problems.add(new ValidationProblem(name, 0, "document", "field paths has no operations to publish"));
        }
        for (Operations.Operation operation : operations) {
            int line = source.lineOf(operation.methodKey(), operation.path());
            String where = operation.label();
            JsonNode integration = operation.node().get(Operations.INTEGRATION);
            if (integration == null || !integration.isObject() || integration.isEmpty()) {
                problems.add(new ValidationProblem(name, line, where, "field " + Operations.INTEGRATION
                        + " is missing or empty: every operation must be integrated"));
                continue;
            }
            ObjectNode expected = IntegrationWeaver.integrationFor(operation, target, region);
            for (String field : List.of("type", "httpMethod", "uri")) {
                String actual = text(integration, field);
                String wanted = text(expected, field);
                if (!Objects.equals(wanted, actual)) {
                    problems.add(new ValidationProblem(name, line, where, "field " + Operations.INTEGRATION + "." + field
                            + " is " + quote(actual) + ", expected " + quote(wanted) + " (the target is "
                            + target.describe() + ")"));
                }
            }
            for (String field : FOREIGN_FIELDS) {
                if (integration.has(field)) {
                    problems.add(new ValidationProblem(name, line, where, "field " + Operations.INTEGRATION + "." + field
                            + " is not allowed: it would reach something other than the target"));
                }
            }
            String connectionType = text(integration, "connectionType");
            if (connectionType != null && !"INTERNET".equals(connectionType)) {
                problems.add(new ValidationProblem(name, line, where, "field " + Operations.INTEGRATION
                        + ".connectionType is " + quote(connectionType) + ", expected \"INTERNET\""));
            }
            checkOriginHeader(problems, name, line, where, integration, target);
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
    }

    private static void checkOriginHeader(List<ValidationProblem> problems, String name, int line, String where,
                                          JsonNode integration, IntegrationTarget target) {
        if (!(target instanceof IntegrationTarget.HttpBackend http)) {
            return;
        }
        String field = Operations.INTEGRATION + ".requestParameters." + IntegrationWeaver.headerParameter();
        JsonNode parameters = integration.get("requestParameters");
        String actual = parameters == null ? null : text(parameters, IntegrationWeaver.headerParameter());
        if (http.originVerifySecret().isPresent()) {
            // Never print the secret: say only whether it matches.
            if (!("'" + http.originVerifySecret().get() + "'").equals(actual)) {
                problems.add(new ValidationProblem(name, line, where, "field " + field + (actual == null
                        ? " is missing" : " does not carry the configured secret")
                        + ": the backend would refuse the gateway's requests"));
            }
        }
        if (parameters != null && parameters.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
                String key = it.next().getKey();
                if (key.startsWith("integration.request.header.") && !key.equals(IntegrationWeaver.headerParameter())
                        && key.equalsIgnoreCase(IntegrationWeaver.headerParameter())) {
                    problems.add(new ValidationProblem(name, line, where, "field " + Operations.INTEGRATION
                            + ".requestParameters has a second, differently cased " + key));
                }
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String quote(String value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }
}
