package dev.multivendor.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every example in a contract is valid against its own schema, and every body has an example. */
class ContractExamplesTest {

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyRequestAndResponseBodyHasAnExample(ApiContract contract) {
        OpenAPI api = Contracts.parseInlined(contract.yaml(), contract.name());
        List<String> missing = new ArrayList<>();
        forEachOperation(api, (path, method, op) -> {
            if (op.getRequestBody() != null) {
                op.getRequestBody().getContent().forEach((type, media) -> {
                    if (examplesOf(media).isEmpty()) {
                        missing.add(method + " " + path + " request " + type);
                    }
                });
            }
            op.getResponses().forEach((status, response) -> contentOf(response).forEach((type, media) -> {
                if (examplesOf(media).isEmpty()) {
                    missing.add(method + " " + path + " response " + status + " " + type);
                }
            }));
        });
        assertTrue(missing.isEmpty(), contract + ": bodies without an example: " + missing);
    }

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyExampleValidatesAgainstItsSchema(ApiContract contract) {
        OpenAPI api = Contracts.parseInlined(contract.yaml(), contract.name());
        OpenApiInteractionValidator validator =
                OpenApiInteractionValidator.createForInlineApiSpecification(contract.yaml()).build();
        List<String> failures = new ArrayList<>();
        int[] checked = {0};

        forEachOperation(api, (path, method, op) -> {
            String concretePath = concretePath(path, op);
            if (op.getRequestBody() != null) {
                op.getRequestBody().getContent().forEach((type, media) -> examplesOf(media).forEach((name, json) -> {
                    checked[0]++;
                    ValidationReport report = validator.validateRequest(request(method, concretePath, op, type, json));
                    if (report.hasErrors()) {
                        failures.add(method + " " + path + " request example '" + name + "': " + report);
                    }
                }));
            }
            op.getResponses().forEach((status, response) -> contentOf(response).forEach((type, media) ->
                    examplesOf(media).forEach((name, json) -> {
                        checked[0]++;
                        ValidationReport report = validator.validateResponse(concretePath, Request.Method.valueOf(method),
                                SimpleResponse.Builder.status(Integer.parseInt(status))
                                        .withContentType(type).withBody(json).build());
                        if (report.hasErrors()) {
                            failures.add(method + " " + path + " " + status + " example '" + name + "': " + report);
                        }
                    })));
        });

        assertTrue(checked[0] > 0, "no examples were checked");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void anExampleThatBreaksItsSchemaIsReported() {
        String yaml = ApiContract.FEEDBACK_V1.yaml();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml).build();

        ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post("/v1/feedback")
                .withContentType("application/json")
                .withBody("{\"customerId\":\"cust-1\",\"channel\":\"fax\",\"rating\":6}")
                .build());

        assertTrue(report.hasErrors(), "a rating of 6 and an unknown channel must not validate");
        assertFalse(report.getMessages().isEmpty());
    }

    interface OperationVisitor {
        void visit(String path, String method, Operation operation);
    }

    static void forEachOperation(OpenAPI api, OperationVisitor visitor) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> visitor.visit(path, method.name(), op)));
    }

    private static Map<String, MediaType> contentOf(ApiResponse response) {
        return response.getContent() == null ? Map.of() : response.getContent();
    }

    /** Example name to JSON text, from {@code examples} or a lone {@code example}. */
    static Map<String, String> examplesOf(MediaType media) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        if (media.getExamples() != null) {
            for (Map.Entry<String, Example> e : media.getExamples().entrySet()) {
                result.put(e.getKey(), toJson(e.getValue().getValue()));
            }
        }
        if (media.getExample() != null) {
            result.put("example", toJson(media.getExample()));
        }
        return result;
    }

    private static String concretePath(String template, Operation op) {
        String path = template;
        for (Parameter p : parameters(op)) {
            if ("path".equals(p.getIn())) {
                path = path.replace("{" + p.getName() + "}", String.valueOf(exampleOf(p)));
            }
        }
        return path;
    }

    private static SimpleRequest request(String method, String path, Operation op, String type, String body) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path).withContentType(type).withBody(body);
        for (Parameter p : parameters(op)) {
            if ("query".equals(p.getIn()) && Boolean.TRUE.equals(p.getRequired())) {
                builder.withQueryParam(p.getName(), String.valueOf(exampleOf(p)));
            }
        }
        return builder.build();
    }

    private static List<Parameter> parameters(Operation op) {
        return op.getParameters() == null ? List.of() : op.getParameters();
    }

    private static Object exampleOf(Parameter p) {
        Object example = p.getExample() != null ? p.getExample() : p.getSchema().getExample();
        if (example == null) {
            throw new AssertionError("parameter " + p.getName() + " has no example");
        }
        return example;
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static PathItem.HttpMethod method(String name) {
        return PathItem.HttpMethod.valueOf(name);
    }
}
