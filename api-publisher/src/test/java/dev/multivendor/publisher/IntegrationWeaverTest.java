package dev.multivendor.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.publisher.testing.ReleaseFixture;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntegrationWeaverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void invokesTheLambdaAliasThroughTheRegionsLambdaPath() {
        ObjectNode doc = IntegrationWeaver.weave(SourceDocument.of(ApiContract.FEEDBACK_V1), ReleaseFixture.lambda(), "eu-west-1");

        assertEquals("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                        + "arn:aws:lambda:eu-north-1:222222222222:function:vendor-a-feedback:live/invocations",
                doc.at("/paths/~1v1~1feedback~1{feedbackId}/get/x-amazon-apigateway-integration/uri").asText());
    }

    @Test
    void mapsGreedyAndPlainPathParametersAndTheAnyMethod() throws Exception {
        SourceDocument source = SourceDocument.of("inline.yaml", """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /v1/{tenant}/files/{proxy+}:
                    x-amazon-apigateway-any-method:
                      responses: {'200': {description: ok}}
                """);
        ObjectNode doc = IntegrationWeaver.weave(source, new IntegrationTarget.HttpBackend(URI.create("https://b.example/base/"),
                Optional.empty()), "eu-north-1");

        JsonNode integration = doc.at("/paths/~1v1~1{tenant}~1files~1{proxy+}/x-amazon-apigateway-any-method/"
                + "x-amazon-apigateway-integration");
        assertEquals(JSON.readTree("""
                {"type":"http_proxy","httpMethod":"ANY","uri":"https://b.example/base/v1/{tenant}/files/{proxy+}",
                 "passthroughBehavior":"when_no_match","connectionType":"INTERNET",
                 "requestParameters":{"integration.request.path.tenant":"method.request.path.tenant",
                                      "integration.request.path.proxy":"method.request.path.proxy"}}"""), integration);
    }

    @Test
    void keepsAnIntegrationTheDocumentAlreadyHasSoTheValidatorCanJudgeIt() {
        SourceDocument source = SourceDocument.of("inline.yaml", """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /v1/x:
                    get:
                      responses: {'200': {description: ok}}
                      x-amazon-apigateway-integration: {type: mock}
                """);

        ObjectNode doc = IntegrationWeaver.weave(source, ReleaseFixture.lambda(), "eu-north-1");

        assertEquals("mock", doc.at("/paths/~1v1~1x/get/x-amazon-apigateway-integration/type").asText());
    }

    @Test
    void refusesAFunctionArnWithoutAnAliasAndAQuoteInTheSecret() {
        IllegalArgumentException noAlias = assertThrows(IllegalArgumentException.class,
                () -> new IntegrationTarget.LambdaAlias("arn:aws:lambda:eu-north-1:222222222222:function:vendor-a-feedback"));
        assertTrue(noAlias.getMessage().contains("not a Lambda alias ARN"));
        assertThrows(IllegalArgumentException.class,
                () -> new IntegrationTarget.LambdaAlias("arn:aws:lambda:eu-north-1:222222222222:function:f:$LATEST"));
        assertThrows(IllegalArgumentException.class,
                () -> new IntegrationTarget.HttpBackend(URI.create("https://b.example"), Optional.of("it's")));
    }
}
