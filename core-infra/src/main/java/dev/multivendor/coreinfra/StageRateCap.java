package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.wafv2_web_acl.Wafv2WebAcl;
import com.hashicorp.cdktf.providers.aws.wafv2_web_acl.Wafv2WebAclDefaultAction;
import com.hashicorp.cdktf.providers.aws.wafv2_web_acl.Wafv2WebAclDefaultActionAllow;
import com.hashicorp.cdktf.providers.aws.wafv2_web_acl.Wafv2WebAclVisibilityConfig;
import com.hashicorp.cdktf.providers.aws.wafv2_web_acl_association.Wafv2WebAclAssociation;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The total rate cap of each vendor stage: a core-owned AWS WAF web ACL per stage with one rate-based rule that counts
 * every request of the stage together ({@code aggregate_key_type = CONSTANT}) and answers 429 above the stage's
 * {@code rateLimit} (as requests per {@link AwsRules#RATE_WINDOW_SECONDS}-second window). API Gateway's own
 * stage throttling applies per method, so without this a definition with N methods gets N times the rate. Vendors
 * cannot change or detach it: {@code wafv2:*} and {@code apigateway:SetWebACL} are denied to every vendor identity.
 */
final class StageRateCap {

    static final String RULE_NAME = "stage-rate-cap";

    private StageRateCap() {
    }

    /** A stage's WAF limit: requests per evaluation window that keep its average at rateLimit, at least WAF's 10. */
    static long wafLimit(Registry.Stage stage) {
        return Math.max(AwsRules.MIN_WAF_LIMIT, (long) Math.floor(stage.rateLimit() * AwsRules.RATE_WINDOW_SECONDS));
    }

    static void add(Construct scope, MapTerraformIterator eachStage) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Names.VENDOR_TAG, "${each.value.vendor}");
        tags.put("stage", "${each.value.stage}");
        Wafv2WebAcl acl = Wafv2WebAcl.Builder.create(scope, "rate_cap")
                .forEach(eachStage)
                .name("${each.value.web_acl_name}")
                .description("Caps the total request rate of one vendor stage (core-owned)")
                .scope("REGIONAL")
                .defaultAction(Wafv2WebAclDefaultAction.builder()
                        .allow(Wafv2WebAclDefaultActionAllow.builder().build()).build())
                .visibilityConfig(Wafv2WebAclVisibilityConfig.builder()
                        .cloudwatchMetricsEnabled(true)
                        .metricName("${each.value.web_acl_name}")
                        .sampledRequestsEnabled(true)
                        .build())
                .tags(tags)
                .build();
        // The rule as plain Terraform (the provider bindings in use predate evaluation_window_sec).
        acl.addOverride("rule", List.of(rule()));
        Wafv2WebAclAssociation.Builder.create(scope, "rate_cap_stage")
                .forEach(eachStage)
                .resourceArn("${aws_api_gateway_stage.stage[each.key].arn}")
                .webAclArn("${aws_wafv2_web_acl.rate_cap[each.key].arn}")
                .build();
    }

    /** One rate-based rule over all of the stage's requests (every URI path starts with '/'), blocking with 429. */
    static Map<String, Object> rule() {
        Map<String, Object> everyRequest = new LinkedHashMap<>();
        everyRequest.put("positional_constraint", "STARTS_WITH");
        everyRequest.put("search_string", "/");
        everyRequest.put("field_to_match", Map.of("uri_path", Map.of()));
        everyRequest.put("text_transformation", List.of(Map.of("priority", 0, "type", "NONE")));
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("limit", Token.asNumber("${each.value.rate_cap}"));
        rate.put("aggregate_key_type", "CONSTANT");
        rate.put("evaluation_window_sec", AwsRules.RATE_WINDOW_SECONDS);
        rate.put("scope_down_statement", Map.of("byte_match_statement", everyRequest));
        Map<String, Object> visibility = new LinkedHashMap<>();
        visibility.put("cloudwatch_metrics_enabled", true);
        visibility.put("metric_name", RULE_NAME);
        visibility.put("sampled_requests_enabled", true);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", RULE_NAME);
        rule.put("priority", 0);
        rule.put("action", Map.of("block", Map.of("custom_response", Map.of("response_code", 429))));
        rule.put("statement", Map.of("rate_based_statement", rate));
        rule.put("visibility_config", visibility);
        return rule;
    }
}
