package dev.multivendor.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every vendor API follows the shared conventions in contracts/conventions/problem-details.yaml. */
class ConventionsTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final OpenAPI conventions = Contracts.parseStrictly(
            ApiContract.readResource(ApiContract.CONVENTIONS_RESOURCE), "conventions");

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void sharedComponentsAreExactCopiesOfTheConventions(ApiContract contract) {
        OpenAPI api = Contracts.parseStrictly(contract.yaml(), contract.name());

        for (String schema : List.of("Problem", "FieldError")) {
            assertEquals(tree(conventions.getComponents().getSchemas().get(schema)),
                    tree(api.getComponents().getSchemas().get(schema)),
                    contract + ": components.schemas." + schema + " differs from the conventions");
        }
        assertEquals(tree(conventions.getComponents().getParameters().get("RequestId")),
                tree(api.getComponents().getParameters().get("RequestId")),
                contract + ": components.parameters.RequestId differs from the conventions");
        assertEquals(tree(conventions.getComponents().getHeaders().get("RequestId")),
                tree(api.getComponents().getHeaders().get("RequestId")),
                contract + ": components.headers.RequestId differs from the conventions");
    }

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyOperationAcceptsARequestIdAndEveryResponseReturnsOne(ApiContract contract) {
        OpenAPI api = Contracts.parseInlined(contract.yaml(), contract.name());
        List<String> violations = new ArrayList<>();

        ContractExamplesTest.forEachOperation(api, (path, method, op) -> {
            boolean accepts = op.getParameters() != null && op.getParameters().stream()
                    .anyMatch(p -> "X-Request-Id".equals(p.getName()) && "header".equals(p.getIn()));
            if (!accepts) {
                violations.add(method + " " + path + " has no X-Request-Id header parameter");
            }
            op.getResponses().forEach((status, response) -> {
                if (response.getHeaders() == null || !response.getHeaders().containsKey("X-Request-Id")) {
                    violations.add(method + " " + path + " " + status + " does not declare the X-Request-Id header");
                }
            });
        });
        assertTrue(violations.isEmpty(), contract + ":\n" + String.join("\n", violations));
    }

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyErrorResponseIsAProblemDocument(ApiContract contract) {
        OpenAPI api = Contracts.parseStrictly(contract.yaml(), contract.name());
        List<String> violations = new ArrayList<>();

        ContractExamplesTest.forEachOperation(api, (path, method, op) -> op.getResponses().forEach((status, ref) -> {
            if (Integer.parseInt(status) < 400) {
                return;
            }
            ApiResponse response = ref.get$ref() == null ? ref
                    : api.getComponents().getResponses().get(ref.get$ref().substring(ref.get$ref().lastIndexOf('/') + 1));
            MediaType media = response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
            if (media == null || response.getContent().size() != 1) {
                violations.add(method + " " + path + " " + status + " must have exactly " + PROBLEM_JSON + " content");
            } else if (!PROBLEM_REF.equals(media.getSchema().get$ref())) {
                violations.add(method + " " + path + " " + status + " must use " + PROBLEM_REF);
            }
        }));
        assertTrue(violations.isEmpty(), contract + ":\n" + String.join("\n", violations));
    }

    private static JsonNode tree(Object value) {
        return Json.mapper().valueToTree(value);
    }
}
