package dev.multivendor.vendora.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthesized Terraform JSON of vendor A's stack, resource by resource. */
class VendorALambdaStackTest {

    private static String json;
    private static JsonNode stack;

    @BeforeAll
    static void synthesize() throws Exception {
        json = Synth.json(Synth.localState());
        stack = Synth.tree(json);
    }

    @Test
    void synthesizesByteIdenticalJsonEveryTime() throws Exception {
        assertEquals(json, Synth.json(Synth.localState()));
    }

    @Test
    void keepsItsOwnStateLocallyByDefault() {
        assertEquals("terraform.vendor-a-lambda.tfstate", stack.at("/terraform/backend/local/path").asText());
        assertEquals("eu-west-1", stack.at("/provider/aws/0/region").asText(), "the region of the core's API");
    }

    @Test
    void keepsItsStateInVendorAsOwnBucketWhenConfigured() throws Exception {
        JsonNode s3 = Synth.tree(Synth.json(Synth.state(Map.of(
                "VENDOR_A_STATE_BUCKET", "vendor-a-terraform-state", "VENDOR_A_STATE_LOCK_TABLE", "vendor-a-tf-locks"))))
                .at("/terraform/backend/s3");

        assertEquals("vendor-a-terraform-state", s3.path("bucket").asText());
        assertEquals("vendor-a-lambda/terraform.tfstate", s3.path("key").asText());
        assertEquals("vendor-a-tf-locks", s3.path("dynamodb_table").asText());
        assertTrue(s3.path("encrypt").asBoolean());
    }

    @Test
    void aBlankStateKeyFromTheEnvironmentMeansTheDefaultKey() throws Exception {
        JsonNode s3 = Synth.tree(Synth.json(Synth.state(Map.of("VENDOR_A_STATE_BUCKET", "vendor-a-terraform-state",
                "VENDOR_A_STATE_KEY", " ", "VENDOR_A_STATE_LOCK_TABLE", "")))).at("/terraform/backend/s3");

        assertEquals("vendor-a-lambda/terraform.tfstate", s3.path("key").asText());
        assertTrue(s3.path("dynamodb_table").isMissingNode(), "a blank lock table means none");
    }

    @Test
    void deploysTheFunctionOnJava21WithSnapStartOnPublishedVersions() {
        JsonNode function = resource("aws_lambda_function", "function");

        assertEquals("java21", function.path("runtime").asText());
        assertEquals("org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest",
                function.path("handler").asText());
        assertEquals("PublishedVersions", function.at("/snap_start/apply_on").asText());
        assertTrue(function.path("publish").asBoolean(), "SnapStart only applies to published versions");
        assertEquals("${aws_dynamodb_table.feedback.name}", function.at("/environment/variables/FEEDBACK_TABLE").asText());
        assertEquals("${aws_iam_role.execution_role.arn}", function.path("role").asText());
        assertEquals("${filebase64sha256(\"" + VendorALambdaStack.DEFAULT_ARTIFACT + "\")}",
                function.path("source_code_hash").asText(), "a new jar means a new version");
    }

    @Test
    void publishesTheAliasLiveOnTheNewVersion() {
        JsonNode alias = resource("aws_lambda_alias", "live");

        assertEquals("live", alias.path("name").asText());
        assertEquals("${aws_lambda_function.function.version}", alias.path("function_version").asText());
    }

    @Test
    void letsOnlyVendorAsApiInTheCoreAccountInvokeTheAlias() {
        JsonNode permissions = stack.at("/resource/aws_lambda_permission");
        assertEquals(1, permissions.size(), "exactly one invoke permission");
        JsonNode permission = permissions.path("core_api_invoke");

        assertEquals("apigateway.amazonaws.com", permission.path("principal").asText());
        assertEquals("lambda:InvokeFunction", permission.path("action").asText());
        assertEquals("arn:aws:execute-api:eu-west-1:111111111111:a1b2c3d4e5/*/*/*", permission.path("source_arn").asText());
        assertEquals("111111111111", permission.path("source_account").asText());
        assertEquals("${aws_lambda_alias.live.name}", permission.path("qualifier").asText());
    }

    @Test
    void createsAnOnDemandTableWithPointInTimeRecoveryAndTheCustomerIndex() {
        JsonNode table = resource("aws_dynamodb_table", "feedback");

        assertEquals("PAY_PER_REQUEST", table.path("billing_mode").asText());
        assertEquals("id", table.path("hash_key").asText());
        assertTrue(table.at("/point_in_time_recovery/enabled").asBoolean());
        JsonNode index = table.at("/global_secondary_index/0");
        assertEquals(VendorALambdaStack.CUSTOMER_INDEX, index.path("name").asText());
        assertEquals("customerId", index.path("hash_key").asText());
        assertEquals("createdAt", index.path("range_key").asText());
    }

    @Test
    void createsTheFunctionsLogGroupWithRetentionBeforeTheFunction() {
        JsonNode logs = resource("aws_cloudwatch_log_group", "logs");

        assertEquals("/aws/lambda/vendor-a-feedback-api", logs.path("name").asText());
        assertEquals(30, logs.path("retention_in_days").asInt());
        assertEquals("aws_cloudwatch_log_group.logs",
                resource("aws_lambda_function", "function").at("/depends_on/0").asText());
    }

    @Test
    void letsOnlyLambdaAssumeTheExecutionRole() {
        JsonNode statement = stack.at("/data/aws_iam_policy_document/assume_role/statement/0");

        assertEquals("sts:AssumeRole", statement.at("/actions/0").asText());
        assertEquals("Service", statement.at("/principals/0/type").asText());
        assertEquals("lambda.amazonaws.com", statement.at("/principals/0/identifiers/0").asText());
    }

    @Test
    void grantsTheRoleItsTableAndItsLogGroupAndNothingElse() {
        JsonNode statements = stack.at("/data/aws_iam_policy_document/execution_permissions/statement");
        assertEquals("${data.aws_iam_policy_document.execution_permissions.json}",
                resource("aws_iam_role_policy", "execution_policy").path("policy").asText());
        assertEquals(1, stack.at("/resource/aws_iam_role_policy").size(), "one inline policy, no managed ones");
        assertTrue(stack.at("/resource/aws_iam_role_policy_attachment").isMissingNode());

        assertEquals(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"), texts(statements.at("/0/actions")));
        assertEquals(List.of("${aws_dynamodb_table.feedback.arn}",
                "${aws_dynamodb_table.feedback.arn}/index/customerId-createdAt"), texts(statements.at("/0/resources")));
        assertEquals(List.of("logs:CreateLogStream", "logs:PutLogEvents"), texts(statements.at("/1/actions")));
        assertEquals(List.of("${aws_cloudwatch_log_group.logs.arn}:*"), texts(statements.at("/1/resources")));
        assertEquals(2, statements.size());
        for (JsonNode statement : statements) {
            assertFalse(texts(statement.path("resources")).contains("*"), "no wildcard resource");
            assertTrue(texts(statement.path("actions")).stream().noneMatch(a -> a.endsWith("*")), "no wildcard action");
        }
    }

    @Test
    void outputsTheAliasArnTheReleasePipelineIntegratesWith() {
        assertEquals("${aws_lambda_alias.live.arn}", stack.at("/output/function_alias_arn/value").asText());
        assertEquals("${aws_lambda_alias.live.invoke_arn}", stack.at("/output/integration_uri/value").asText());
    }

    private static JsonNode resource(String type, String name) {
        JsonNode node = stack.at("/resource/" + type + "/" + name);
        assertFalse(node.isMissingNode(), type + "." + name + " is synthesized");
        return node;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
