package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudwatch_event_rule.CloudwatchEventRule;
import com.hashicorp.cdktf.providers.aws.cloudwatch_event_target.CloudwatchEventTarget;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic_policy.SnsTopicPolicy;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import software.constructs.Construct;

import java.util.List;

/**
 * The detective control for stage settings IAM cannot guard: {@code CreateDeployment} can also set a stage's cache
 * cluster (size up to 237 GB, on the core's bill), tracing and canary, and no IAM condition key covers them. The core
 * owns those settings (the stage states them, so a core apply restores them); this EventBridge rule, on the CloudTrail
 * record of a {@code CreateDeployment} on the vendor's API that sets any of them, mails the vendor's owners through an
 * SNS topic per vendor. It needs a CloudTrail trail with management events in the core account (not created here).
 */
final class StageDriftAlert {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StageDriftAlert() {
    }

    /**
     * The event pattern: a CloudTrail-recorded CreateDeployment on {@code apiId} that enables a cache cluster, sets a
     * cache size, turns tracing off or creates a canary.
     */
    static String eventPattern(String apiId) {
        ObjectNode p = F.objectNode();
        p.set("source", F.arrayNode().add("aws.apigateway"));
        p.set("detail-type", F.arrayNode().add("AWS API Call via CloudTrail"));
        ObjectNode detail = p.putObject("detail");
        detail.set("eventSource", F.arrayNode().add("apigateway.amazonaws.com"));
        detail.set("eventName", F.arrayNode().add("CreateDeployment"));
        ObjectNode request = detail.putObject("requestParameters");
        request.set("restApiId", F.arrayNode().add(apiId));
        ArrayNode any = request.putArray("$or");
        any.add(input("cacheClusterEnabled", F.arrayNode().add(true)));
        any.add(input("cacheClusterSize", exists()));
        any.add(input("tracingEnabled", F.arrayNode().add(false)));
        ObjectNode percent = F.objectNode();
        percent.set("percentTraffic", exists());
        any.add(input("canarySettings", percent));
        ObjectNode stageCache = F.objectNode();
        stageCache.set("useStageCache", exists());
        any.add(input("canarySettings", stageCache));
        try {
            return JSON.writeValueAsString(p);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode input(String field, com.fasterxml.jackson.databind.JsonNode match) {
        ObjectNode o = F.objectNode();
        o.putObject("createDeploymentInput").set(field, match);
        return o;
    }

    private static ArrayNode exists() {
        ArrayNode a = F.arrayNode();
        a.addObject().put("exists", true);
        return a;
    }

    static void add(Construct scope, MapTerraformIterator eachVendor, String apiOfVendor) {
        SnsTopic.Builder.create(scope, "stage_drift")
                .forEach(eachVendor)
                .name("${each.value.alert_topic_name}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        // An e-mail subscription waits until its owner confirms it (AWS sends the confirmation mail).
        SnsTopicSubscription.Builder.create(scope, "stage_drift_owners")
                .forEach(eachVendor)
                .topicArn("${aws_sns_topic.stage_drift[each.key].arn}")
                .protocol("email")
                .endpoint("${each.value.alert_email}")
                .build();
        CloudwatchEventRule.Builder.create(scope, "stage_drift_rule")
                .forEach(eachVendor)
                .name("${each.value.alert_topic_name}")
                .description("A deployment set stage settings the core owns (cache, tracing, canary)")
                .eventPattern("${replace(each.value.stage_drift_pattern, \"" + TerraformText.API_ID_PLACEHOLDER + "\", "
                        + apiOfVendor.substring(2, apiOfVendor.length() - 1) + ")}")
                .tags(Token.asStringMap("${each.value.tags}"))
                .build();
        CloudwatchEventTarget.Builder.create(scope, "stage_drift_target")
                .forEach(eachVendor)
                .rule("${aws_cloudwatch_event_rule.stage_drift_rule[each.key].name}")
                .arn("${aws_sns_topic.stage_drift[each.key].arn}")
                .build();
        SnsTopicPolicy.Builder.create(scope, "stage_drift_policy")
                .forEach(eachVendor)
                .arn("${aws_sns_topic.stage_drift[each.key].arn}")
                .policy(topicPolicy("${aws_sns_topic.stage_drift[each.key].arn}",
                        "${aws_cloudwatch_event_rule.stage_drift_rule[each.key].arn}"))
                .build();
    }

    /** Only this rule (aws:SourceArn) may publish to the topic, through the EventBridge service. */
    static String topicPolicy(String topicArn, String ruleArn) {
        ObjectNode s = F.objectNode();
        s.put("Sid", "OnlyTheStageDriftRule");
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", "events.amazonaws.com");
        s.put("Action", "sns:Publish");
        s.put("Resource", topicArn);
        s.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
        return PolicyStatements.document(List.of(s));
    }
}
