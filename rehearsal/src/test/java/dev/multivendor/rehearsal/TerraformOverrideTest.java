package dev.multivendor.rehearsal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerraformOverrideTest {

    @Test
    void everyResourceTypeIsMappedToTheServiceItCalls() {
        assertEquals("apigateway", Terraform.service("aws_api_gateway_method_settings"));
        assertEquals("cloudwatchlogs", Terraform.service("aws_cloudwatch_log_group"));
        assertEquals("events", Terraform.service("aws_cloudwatch_event_target"));
        assertEquals("ec2", Terraform.service("aws_route_table_association"));
        assertEquals("elbv2", Terraform.service("aws_lb_listener"));
        assertNull(Terraform.service("aws_cloudfront_distribution"));
    }

    @Test
    void aStackWithAServiceTheEmulatorIsNotConfiguredForIsRefusedBeforeTerraformRuns(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_vpc" "this" {
                  cidr_block = "10.0.0.0/16"
                }
                resource "aws_cloudfront_distribution" "cdn" {
                }
                """);
        Terraform tf = new Terraform("test", dir, dir.resolve("rc"), dir.resolve("log"), Duration.ofSeconds(1));

        StepFailure e = assertThrows(StepFailure.class, tf::checkEveryServiceIsEmulated);

        assertTrue(e.getMessage().contains("[aws_cloudfront_distribution]"), e.getMessage());
    }

    @Test
    void aSynthesizedStackWhoseServicesAreAllEmulatedPasses(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cdk.tf.json"), """
                {"resource": {"aws_api_gateway_rest_api": {}, "aws_wafv2_web_acl_association": {}},
                 "data": {"aws_iam_policy_document": {}}}
                """);

        new Terraform("test", dir, dir.resolve("rc"), dir.resolve("log"), Duration.ofSeconds(1))
                .checkEveryServiceIsEmulated();
    }

    @Test
    void theCorePatchAddsMethodAndUriToTheMockIntegrationsOnlyInTheOverride() {
        String body = RehearsalEnvironment.coreResourceOverrides().path("aws_api_gateway_rest_api").path("api")
                .path("body").asText();

        assertEquals("${replace(each.value.body, \"{\\\"type\\\":\\\"mock\\\",\", "
                + "\"{\\\"type\\\":\\\"mock\\\",\\\"httpMethod\\\":\\\"POST\\\",\\\"uri\\\":\\\"\\\",\")}", body);
    }
}
