package dev.multivendor.publisher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.publisher.testing.ReleaseFixture;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocumentValidatorTest {

    private static final String REGION = "eu-north-1";

    @Test
    void acceptsBothContractsWovenForTheirVendorsTargets() {
        for (ApiContract contract : ApiContract.values()) {
            SourceDocument source = SourceDocument.of(contract);
            IntegrationTarget target = ReleaseFixture.targetFor(contract);
            assertDoesNotThrow(() -> DocumentValidator.validate(source,
                    IntegrationWeaver.weave(source, target, REGION), target, REGION), contract.key());
        }
    }

    @Test
    void refusesADocumentWovenForAnotherVendorsTargetNamingEveryOperation() {
        SourceDocument source = SourceDocument.of(ApiContract.FEEDBACK_V1);
        ObjectNode wovenForB = IntegrationWeaver.weave(source, ReleaseFixture.backend(), REGION);

        List<String> problems = problems(() -> DocumentValidator.validate(source, wovenForB, ReleaseFixture.lambda(), REGION));

        assertTrue(problems.contains("contracts/feedback-api/v1/openapi.yaml:15: operation createFeedback (POST /v1/feedback):"
                + " field x-amazon-apigateway-integration.type is \"http_proxy\", expected \"aws_proxy\" (the target is Lambda alias "
                + ReleaseFixture.LAMBDA_ALIAS + ")"), String.join("\n", problems));
        assertEquals(3, problems.stream().filter(p -> p.contains(".uri is")).count(), String.join("\n", problems));
    }

    @Test
    void refusesAnIntegrationThatBringsItsOwnCredentialsRole() {
        SourceDocument source = SourceDocument.of("inline.yaml", """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /v1/x:
                    get:
                      operationId: getX
                      responses: {'200': {description: ok}}
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: arn:aws:apigateway:eu-north-1:lambda:path/2015-03-31/functions/%s/invocations
                        credentials: arn:aws:iam::999999999999:role/other-vendor
                """.formatted(ReleaseFixture.LAMBDA_ALIAS));
        ObjectNode document = IntegrationWeaver.weave(source, ReleaseFixture.lambda(), REGION);

        List<String> problems = problems(() -> DocumentValidator.validate(source, document, ReleaseFixture.lambda(), REGION));

        assertEquals(List.of("inline.yaml:5: operation getX (GET /v1/x): field x-amazon-apigateway-integration.credentials"
                + " is not allowed: it would reach something other than the target"), problems);
    }

    @Test
    void refusesAResourcePolicyAndAnOpenApi31Document() {
        SourceDocument source = SourceDocument.of("inline.yaml", """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                x-amazon-apigateway-policy: {Version: '2012-10-17', Statement: []}
                paths:
                  /v1/x:
                    get:
                      responses: {'200': {description: ok}}
                """);
        ObjectNode document = IntegrationWeaver.weave(source, ReleaseFixture.lambda(), REGION);

        List<String> problems = problems(() -> DocumentValidator.validate(source, document, ReleaseFixture.lambda(), REGION));

        assertEquals(List.of("inline.yaml:1: document: field openapi must be 3.0.x, found \"3.1.0\"",
                "inline.yaml: document: field x-amazon-apigateway-policy is not allowed: the API's resource policy belongs"
                        + " to the core team"), problems);
    }

    @Test
    void reportsWhatTheOpenApiParserFindsWrong() {
        SourceDocument source = SourceDocument.of("inline.yaml", """
                openapi: 3.0.3
                info: {title: t}
                paths:
                  /v1/x:
                    get:
                      responses: {'200': {description: ok}}
                """);
        ObjectNode document = IntegrationWeaver.weave(source, ReleaseFixture.lambda(), REGION);

        List<String> problems = problems(() -> DocumentValidator.validate(source, document, ReleaseFixture.lambda(), REGION));

        assertEquals(List.of("inline.yaml: document: attribute info.version is missing"), problems);
    }

    @Test
    void refusesAWrongOriginVerifySecretWithoutPrintingEitherValue() {
        SourceDocument source = SourceDocument.of(ApiContract.SUPPORT_TICKETS_V1);
        ObjectNode document = IntegrationWeaver.weave(source, new IntegrationTarget.HttpBackend(ReleaseFixture.BACKEND,
                java.util.Optional.of("old-secret")), REGION);

        List<String> problems = problems(() -> DocumentValidator.validate(source, document, ReleaseFixture.backend(), REGION));

        assertEquals(2, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).endsWith("field x-amazon-apigateway-integration.requestParameters."
                + "integration.request.header.X-Origin-Verify does not carry the configured secret: the backend would refuse"
                + " the gateway's requests"), problems.get(0));
        assertTrue(problems.stream().noneMatch(p -> p.contains("old-secret") || p.contains(ReleaseFixture.ORIGIN_SECRET)));
    }

    @Test
    void namesTheLineOfMalformedYaml() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> SourceDocument.read(java.nio.file.Path.of("src/test/resources/contracts/not-openapi.yaml")));

        assertEquals(1, e.problems().size());
        ValidationProblem problem = e.problems().get(0);
        assertEquals("src/test/resources/contracts/not-openapi.yaml", problem.source().replace('\\', '/'));
        assertTrue(problem.line() >= 10, "line of the unclosed sequence, got " + problem);
        assertTrue(problem.message().startsWith("is not valid YAML/JSON"), problem.message());
    }

    private static List<String> problems(org.junit.jupiter.api.function.Executable validation) {
        return assertThrows(InvalidDocumentException.class, validation).problems().stream()
                .map(ValidationProblem::toString).collect(Collectors.toList());
    }
}
