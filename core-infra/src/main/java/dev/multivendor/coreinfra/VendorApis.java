package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.api_gateway_account.ApiGatewayAccount;
import com.hashicorp.cdktf.providers.aws.api_gateway_deployment.ApiGatewayDeployment;
import com.hashicorp.cdktf.providers.aws.api_gateway_method_settings.ApiGatewayMethodSettings;
import com.hashicorp.cdktf.providers.aws.api_gateway_method_settings.ApiGatewayMethodSettingsSettings;
import com.hashicorp.cdktf.providers.aws.api_gateway_rest_api.ApiGatewayRestApi;
import com.hashicorp.cdktf.providers.aws.api_gateway_rest_api.ApiGatewayRestApiEndpointConfiguration;
import com.hashicorp.cdktf.providers.aws.api_gateway_stage.ApiGatewayStage;
import com.hashicorp.cdktf.providers.aws.api_gateway_stage.ApiGatewayStageAccessLogSettings;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import software.constructs.Construct;

import java.util.List;

/**
 * Each vendor's REST API shell and its stages, with the stage settings the core owns: the placeholder definition and
 * first deployment, access and execution log groups, access log format, tracing, no cache, and method throttling.
 * Ownership (see README): the vendor owns the definition (body) and the deployments, so those are ignored on apply.
 */
public final class VendorApis {

    /**
     * Access log line: one JSON object per request, the fields an on-call engineer filters on. Public for the
     * rehearsal, which sets it on a stage as the core's Terraform does.
     */
    public static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"extendedRequestId\":\"$context.extendedRequestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"requestTime\":\"$context.requestTimeEpoch\",\"httpMethod\":\"$context.httpMethod\","
            + "\"resourcePath\":\"$context.resourcePath\",\"status\":\"$context.status\","
            + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
            + "\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationLatency\":\"$context.integration.latency\","
            + "\"responseLatency\":\"$context.responseLatency\",\"errorMessage\":\"$context.error.message\","
            + "\"xrayTraceId\":\"$context.xrayTraceId\"}";
    /** The id of the vendor's API, in a construct iterating over {@code local.vendors}. */
    static final String API_OF_VENDOR = "${aws_api_gateway_rest_api.api[each.key].id}";
    /** The id of the stage's (or identity's) vendor's API, in a construct iterating over a map with a vendor field. */
    static final String API_OF_STAGE = "${aws_api_gateway_rest_api.api[each.value.vendor].id}";

    private VendorApis() {
    }

    /** The stages depend on {@code account}: API Gateway needs its logging role before a stage logs. */
    static void add(Construct scope, VendorLocals locals, ApiGatewayAccount account) {
        var eachVendor = locals.eachVendor();
        var eachStage = locals.eachStage();
        String apiOfVendor = API_OF_VENDOR;
        String apiOfStage = API_OF_STAGE;

        ApiGatewayRestApi.Builder.create(scope, "api")
                .forEach(eachVendor)
                .name("${each.value.api_name}")
                .description("${each.value.description}")
                .body("${each.value.body}")
                .endpointConfiguration(ApiGatewayRestApiEndpointConfiguration.builder().types(List.of("REGIONAL"))
                        .build())
                .tags(Token.asStringMap("${each.value.api_tags}"))
                // The vendor owns the definition after creation (PutRestApi); a core apply must not revert it.
                .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("body")).build())
                .build();

        // Created once so stages can exist before the vendor's first release; never re-created by the core
        // (no triggers), and stages ignore which deployment they point at afterwards.
        ApiGatewayDeployment.Builder.create(scope, "initial_deployment")
                .forEach(eachVendor)
                .restApiId(apiOfVendor)
                .description("core-infra placeholder: answers 503 until the vendor's first release")
                .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("description")).build())
                .build();

        CloudwatchLogGroup.Builder.create(scope, "access_logs")
                .forEach(eachStage)
                .name("${each.value.access_log_group}")
                .retentionInDays(Token.asNumber("${each.value.log_retention_days}"))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        // API Gateway creates this group itself on first use, without retention; creating it first keeps it
        // core-owned with the registry's retention.
        CloudwatchLogGroup execution = CloudwatchLogGroup.Builder.create(scope, "execution_logs")
                .forEach(eachStage)
                .name(Names.executionLogGroup(apiOfStage, "${each.value.stage}"))
                .retentionInDays(Token.asNumber("${each.value.log_retention_days}"))
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();

        ApiGatewayStage.Builder.create(scope, "stage")
                .forEach(eachStage)
                .restApiId(apiOfStage)
                .stageName("${each.value.stage}")
                .deploymentId("${aws_api_gateway_deployment.initial_deployment[each.value.vendor].id}")
                // Core-owned settings CreateDeployment can also set (no IAM condition key covers them): stated here,
                // so a core apply puts them back; StageDriftAlert tells the owners when a deployment changes them.
                .xrayTracingEnabled(true)
                .cacheClusterEnabled(false)
                .accessLogSettings(ApiGatewayStageAccessLogSettings.builder()
                        .destinationArn("${aws_cloudwatch_log_group.access_logs[each.key].arn}")
                        .format(ACCESS_LOG_FORMAT)
                        .build())
                .tags(Token.asStringMap("${each.value.tags}"))
                // CreateDeployment(stageName) moves deployment_id and may set stage variables as part of a release:
                // those belong to the vendor. Canary settings are the core's (none): an apply removes a canary.
                .lifecycle(TerraformResourceLifecycle.builder()
                        .ignoreChanges(List.of("deployment_id", "variables")).build())
                .dependsOn(List.of(account, execution))
                .build();

        ApiGatewayMethodSettings.Builder.create(scope, "throttle")
                .forEach(eachStage)
                .restApiId(apiOfStage)
                .stageName("${aws_api_gateway_stage.stage[each.key].stage_name}")
                .methodPath("*/*")
                .settings(ApiGatewayMethodSettingsSettings.builder()
                        .throttlingRateLimit(Token.asNumber("${each.value.rate_limit}"))
                        .throttlingBurstLimit(Token.asNumber("${each.value.burst_limit}"))
                        .metricsEnabled(true)
                        .loggingLevel("ERROR")
                        .dataTraceEnabled(false)
                        .build())
                .build();
    }
}
