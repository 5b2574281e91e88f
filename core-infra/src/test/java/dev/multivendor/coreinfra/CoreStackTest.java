package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions on the synthesized Terraform JSON of the shipped registry (vendor-a on Lambda, vendor-b on HTTP).
 * Per-vendor resources are for_each over local.vendors / local.vendor_stages / local.vendor_users, so the
 * per-vendor values are asserted in those maps and the wiring on the resources.
 */
class CoreStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode stack() {
        return Synths.synth("shipped", Synths.shipped()).json();
    }

    private static JsonNode resource(String type, String name) {
        JsonNode r = stack().path("resource").path(type).path(name);
        assertFalse(r.isMissingNode(), "expected resource " + type + "." + name + "; the stack has "
                + names(stack().path("resource").path(type)));
        return r;
    }

    private static JsonNode local(String map, String key) {
        JsonNode v = stack().path("locals").path(map).path(key);
        assertFalse(v.isMissingNode(), "expected local." + map + "[\"" + key + "\"]; it has "
                + names(stack().path("locals").path(map)));
        return v;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertField(JsonNode actual, String path, Object expected) {
        JsonNode node = actual.at(path);
        assertEquals(JSON.valueToTree(expected), node, "field " + path + " of " + actual);
    }

    @Test
    void createsOneTaggedRegionalRestApiPerVendorWhoseDefinitionTheVendorOwns() {
        JsonNode api = resource("aws_api_gateway_rest_api", "api");
        assertField(api, "/for_each", "${local.vendors}");
        assertField(api, "/name", "${each.value.api_name}");
        assertField(api, "/tags", "${each.value.api_tags}");
        assertField(api, "/body", "${each.value.body}");
        assertField(api, "/endpoint_configuration/types", List.of("REGIONAL"));
        assertField(api, "/lifecycle/ignore_changes", List.of("body"));
        assertEquals(List.of("vendor-a", "vendor-b"), names(stack().path("locals").path("vendors")), "one API per vendor");
        for (String id : List.of("vendor-a", "vendor-b")) {
            JsonNode v = local("vendors", id);
            assertField(v, "/api_name", id + "-api");
            assertField(v, "/api_tags/vendor", id);
            assertTrue(v.path("body").asText().contains("\"type\":\"mock\""),
                    "the placeholder definition answers from a mock integration: " + v.path("body"));
        }
        assertField(local("vendors", "vendor-b"), "/api_tags/integration", "http");
    }

    @Test
    void createsStagesWithAccessLogsTracingAndThrottlingButLeavesDeploymentsToTheVendor() {
        JsonNode stage = resource("aws_api_gateway_stage", "stage");
        assertField(stage, "/for_each", "${local.vendor_stages}");
        assertField(stage, "/stage_name", "${each.value.stage}");
        assertField(stage, "/xray_tracing_enabled", true);
        // Cache and tracing are the core's (restored by every apply); a canary is the core's too (none), so only the
        // deployment and stage variables are left to the vendor's releases.
        assertField(stage, "/cache_cluster_enabled", false);
        assertField(stage, "/lifecycle/ignore_changes", List.of("deployment_id", "variables"));
        assertField(stage, "/deployment_id", "${aws_api_gateway_deployment.initial_deployment[each.value.vendor].id}");
        assertField(stage, "/access_log_settings/destination_arn", "${aws_cloudwatch_log_group.access_logs[each.key].arn}");
        assertEquals(List.of("vendor-a/dev", "vendor-a/prod", "vendor-b/dev", "vendor-b/prod"),
                names(stack().path("locals").path("vendor_stages")), "one stage per registered vendor stage");
        JsonNode aProd = local("vendor_stages", "vendor-a/prod");
        assertField(aProd, "/rate_limit", 500);
        assertField(aProd, "/burst_limit", 1000);
        assertField(aProd, "/access_log_group", "/apigateway/vendor-a/prod/access");
        assertField(local("vendor_stages", "vendor-b/dev"), "/rate_limit", 50);
        assertField(local("vendor_stages", "vendor-b/dev"), "/log_retention_days", 30);

        JsonNode throttle = resource("aws_api_gateway_method_settings", "throttle");
        assertField(throttle, "/for_each", "${local.vendor_stages}");
        assertField(throttle, "/method_path", "*/*");
        assertField(throttle, "/settings/throttling_rate_limit", "${each.value.rate_limit}");
        assertField(throttle, "/settings/throttling_burst_limit", "${each.value.burst_limit}");
        assertField(resource("aws_cloudwatch_log_group", "access_logs"), "/retention_in_days",
                "${each.value.log_retention_days}");

        JsonNode deployment = resource("aws_api_gateway_deployment", "initial_deployment");
        assertTrue(deployment.path("triggers").isMissingNode(),
                "the initial deployment must never be re-created by the core: " + deployment);
    }

    @Test
    void keepsTheAccountLevelCloudWatchRoleWithTheCoreTeam() {
        assertField(resource("aws_api_gateway_account", "apigateway_account"), "/cloudwatch_role_arn",
                "${aws_iam_role.apigateway_cloudwatch_role.arn}");
        assertField(resource("aws_iam_role_policy_attachment", "apigateway_cloudwatch_logs"), "/policy_arn",
                "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
    }

    @Test
    void givesEveryVendorIdentityThePermissionsBoundaryAndNoAccessKeyInState() {
        String boundary = "${aws_iam_policy.boundary[each.key].arn}";
        assertField(resource("aws_iam_role", "deploy_role"), "/permissions_boundary", boundary);
        assertField(resource("aws_iam_role", "deploy_role"), "/for_each", "${local.vendor_roles}");
        assertField(resource("aws_iam_user", "user"), "/permissions_boundary",
                "${aws_iam_policy.boundary[each.value.identity].arn}");
        assertField(resource("aws_iam_user", "user"), "/for_each", "${local.vendor_users}");
        assertField(resource("aws_iam_role_policy_attachment", "deploy_role_policy"), "/policy_arn",
                "${aws_iam_policy.deploy_policy[each.key].arn}");
        assertField(resource("aws_iam_user_policy_attachment", "user_policy"), "/policy_arn",
                "${aws_iam_policy.deploy_policy[each.value.identity].arn}");
        assertEquals(List.of("vendor-a/dev", "vendor-a/prod", "vendor-b/dev", "vendor-b/prod"),
                names(stack().path("locals").path("vendor_roles")), "one role per vendor and CI environment");
        assertEquals(List.of("vendor-a", "vendor-b"), names(stack().path("locals").path("vendor_users")));
        assertTrue(stack().path("resource").path("aws_iam_access_key").isMissingNode(),
                "no access key may be created by Terraform: its secret would land in the state");
    }

    @Test
    void scopesEachIdentitysPolicyToItsOwnApiAndStagesWithoutStagePatches() throws Exception {
        String apiOfIdentity = "aws_api_gateway_rest_api.api[each.value.vendor].id";
        assertField(resource("aws_iam_policy", "deploy_policy"), "/policy",
                "${replace(each.value.policy, \"__API_ID__\", " + apiOfIdentity + ")}");
        assertField(resource("aws_iam_policy", "boundary"), "/policy",
                "${replace(each.value.boundary, \"__API_ID__\", " + apiOfIdentity + ")}");
        String api = "arn:aws:apigateway:eu-west-1::/restapis/__API_ID__";
        for (String env : List.of("dev", "prod")) {
            JsonNode policy = JSON.readTree(local("vendor_identities", "vendor-a/" + env).path("policy").asText());
            JsonNode deploy = statement(policy, "DeployOwnApiToRegisteredStages");
            assertField(deploy, "/Resource", List.of(api + "/deployments"));
            assertField(deploy, "/Condition/StringEquals/apigateway:Request~1StageName", List.of(env));
            JsonNode boundary = JSON.readTree(local("vendor_identities", "vendor-a/" + env).path("boundary").asText());
            JsonNode deny = statement(boundary, "DenyDeployingToOtherStages");
            assertField(deny, "/Effect", "Deny");
            assertField(deny, "/Condition/StringNotEquals/apigateway:Request~1StageName", List.of(env));
            assertField(statement(boundary, "DenyCoreControls"), "/Action", Guardrails.CORE_CONTROL_ACTIONS);
            for (JsonNode s : policy.path("Statement")) {
                if (s.path("Effect").asText().equals("Allow")) {
                    assertFalse(s.path("Action").toString().contains("PATCH"), "no PATCH may be allowed: " + s);
                }
            }
        }
        JsonNode user = JSON.readTree(local("vendor_identities", "vendor-a/iam-user").path("policy").asText());
        assertField(statement(user, "DeployOwnApiToRegisteredStages"),
                "/Condition/StringEquals/apigateway:Request~1StageName", List.of("dev", "prod"));
    }

    @Test
    void trustsEachRoleToOneGithubEnvironmentOfOneRepositoryById() throws Exception {
        assertField(resource("aws_iam_role", "deploy_role"), "/assume_role_policy", "${each.value.trust}");
        for (String env : List.of("dev", "prod")) {
            JsonNode trust = JSON.readTree(local("vendor_roles", "vendor-a/" + env).path("trust").asText());
            JsonNode s = statement(trust, "OidcEnvironment");
            assertField(s, "/Principal/Federated", "${aws_iam_openid_connect_provider.github_oidc.arn}");
            String h = "/Condition/StringEquals/token.actions.githubusercontent.com:";
            assertField(s, h + "sub", List.of("repo:vendor-a/feedback-api:environment:" + env));
            assertField(s, h + "aud", "sts.amazonaws.com");
            assertField(s, h + "repository_id", "700000001");
            assertField(s, h + "repository_owner_id", "900000001");
            assertField(s, h + "environment", env);
            assertFalse(trust.toString().contains("TagSession"), "no session tags: " + trust);
        }
    }

    @Test
    void trustsTheApiGatewayServiceOnlyOnBehalfOfTheCoreAccount() throws Exception {
        JsonNode trust = JSON.readTree(resource("aws_iam_role", "apigateway_cloudwatch_role")
                .path("assume_role_policy").asText());
        assertField(trust.path("Statement").get(0), "/Condition/StringEquals/aws:SourceAccount", "111111111111");
    }

    @Test
    void capsEveryStagesTotalRateWithACoreOwnedWafRule() {
        JsonNode acl = resource("aws_wafv2_web_acl", "rate_cap");
        assertField(acl, "/for_each", "${local.vendor_stages}");
        assertField(acl, "/scope", "REGIONAL");
        JsonNode rate = acl.path("rule").get(0).path("statement").path("rate_based_statement");
        assertField(rate, "/aggregate_key_type", "CONSTANT");
        assertField(rate, "/limit", "${each.value.rate_cap}");
        assertField(rate, "/evaluation_window_sec", AwsRules.RATE_WINDOW_SECONDS);
        assertField(acl.path("rule").get(0), "/action/block/custom_response/response_code", 429);
        assertField(resource("aws_wafv2_web_acl_association", "rate_cap_stage"), "/resource_arn",
                "${aws_api_gateway_stage.stage[each.key].arn}");
        assertField(local("vendor_stages", "vendor-a/prod"), "/rate_cap", 500 * 60);
        assertField(local("vendor_stages", "vendor-b/dev"), "/rate_cap", 50 * 60);
    }

    @Test
    void alertsTheOwnersWhenADeploymentChangesCoreOwnedStageSettings() {
        JsonNode rule = resource("aws_cloudwatch_event_rule", "stage_drift_rule");
        assertField(rule, "/for_each", "${local.vendors}");
        assertField(rule, "/event_pattern", "${replace(each.value.stage_drift_pattern, \"__API_ID__\", "
                + "aws_api_gateway_rest_api.api[each.key].id)}");
        assertField(resource("aws_cloudwatch_event_target", "stage_drift_target"), "/arn",
                "${aws_sns_topic.stage_drift[each.key].arn}");
        assertField(resource("aws_sns_topic_subscription", "stage_drift_owners"), "/endpoint",
                "${each.value.alert_email}");
        assertField(local("vendors", "vendor-a"), "/alert_email", "feedback-api@vendor-a.example");
    }

    @Test
    void publishesAnOnboardingKitPerVendorBuiltFromTypedValues() {
        JsonNode kit = stack().path("output").path("onboarding").path("value").path("vendor-a");
        assertField(kit, "/kitVersion", 1);
        assertField(kit, "/apiId", "${aws_api_gateway_rest_api.api[\"vendor-a\"].id}");
        assertField(kit, "/stages/prod/identity", "prod");
        assertField(kit, "/stages/prod/invokeUrl", "${aws_api_gateway_stage.stage[\"vendor-a/prod\"].invoke_url}");
        assertField(kit, "/identities/prod/roleArn", "${aws_iam_role.deploy_role[\"vendor-a/prod\"].arn}");
        assertField(kit, "/identities/prod/signIn/repositoryId", "700000001");
        assertField(kit, "/identities/iam-user/userName", "${aws_iam_user.user[\"vendor-a\"].name}");
        assertTrue(kit.path("deployRoleArn").isMissingNode() && kit.path("iamUserName").isMissingNode(),
                "the flat fields of before v1 are gone: " + kit);
    }

    @Test
    void synthesizesByteIdenticalOutputTwice() {
        Registry r = Synths.shipped();
        String first = Synths.read(Synths.synth("twice-1", r).stackFile());
        String second = Synths.read(Synths.synth("twice-2", r).stackFile());
        assertEquals(first, second, "two synths of the same registry must be byte-identical");
        assertEquals(Synths.read(Synths.synth("twice-1", r).outdir().resolve("manifest.json")),
                Synths.read(Synths.synth("twice-2", r).outdir().resolve("manifest.json")), "manifest.json");
    }

    @Test
    void addingAVendorAddsExactlyItsEntriesAndChangesNoOtherVendor() {
        String base = Synths.read(Synths.moduleDir().resolve("vendors.yaml"));
        String withC = base.stripTrailing() + "\n" + Synths.resource("registries/vendor-c-entry.yaml");
        JsonNode before = Synths.synth("shipped", Synths.shipped()).json();
        JsonNode after = Synths.synth("plus-vendor-c", Synths.parse(withC, "plus-vendor-c.yaml")).json();

        assertEquals(before.path("resource"), after.path("resource"),
                "resource definitions are for_each over the registry maps: adding a vendor must not change them");
        for (String id : List.of("vendor-a", "vendor-b")) {
            assertEquals(before.path("output").path("onboarding").path("value").path(id),
                    after.path("output").path("onboarding").path("value").path(id), id + "'s kit must not change");
        }
        for (String map : List.of("vendors", "vendor_stages", "vendor_identities", "vendor_roles", "vendor_users")) {
            JsonNode old = before.path("locals").path(map);
            JsonNode now = after.path("locals").path(map);
            List<String> added = new ArrayList<>();
            for (String key : names(now)) {
                if (old.has(key)) {
                    assertEquals(old.get(key), now.get(key), "local." + map + "[\"" + key + "\"] must not change");
                } else {
                    added.add(key);
                }
            }
            assertTrue(names(now).containsAll(names(old)), "nothing removed from local." + map);
            assertFalse(added.isEmpty(), "vendor-c must add entries to local." + map);
            assertTrue(added.stream().allMatch(k -> k.equals("vendor-c") || k.startsWith("vendor-c/")),
                    "only vendor-c entries are new in local." + map + ": " + added);
        }
        assertEquals(List.of("vendor-c/dev", "vendor-c/prod"), names(after.path("locals").path("vendor_stages"))
                .stream().filter(k -> k.startsWith("vendor-c/")).toList(), "vendor-c's stages");
    }

    // ---- custom domain ----

    private static JsonNode domainStack() {
        return Synths.synth("custom-domain", Synths.customDomain()).json();
    }

    @Test
    void createsOneCoreOwnedRegionalHostPerVendorWithTls12() {
        JsonNode domain = domainStack().path("resource").path("aws_api_gateway_domain_name").path("custom_domain");
        assertFalse(domain.isMissingNode(), "expected aws_api_gateway_domain_name.custom_domain");
        assertField(domain, "/for_each", "${local.vendors}");
        assertField(domain, "/domain_name", "${each.value.host}");
        assertField(domain, "/regional_certificate_arn",
                "arn:aws:acm:eu-west-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
        assertField(domain, "/endpoint_configuration/types", List.of("REGIONAL"));
        assertField(domain, "/security_policy", "TLS_1_2");
        assertField(domain, "/tags/managed-by", "core-infra");
        JsonNode vendors = domainStack().path("locals").path("vendors");
        assertField(vendors.path("vendor-a"), "/host", "feedback.api.example.com");
        assertField(vendors.path("vendor-b"), "/host", "vendor-b.api.example.com");
    }

    @Test
    void mapsTheRootOfEachVendorsHostToItsApiAtTheConfiguredStage() {
        JsonNode mapping = domainStack().path("resource").path("aws_api_gateway_base_path_mapping").path("base_path");
        assertField(mapping, "/for_each", "${local.vendors}");
        assertField(mapping, "/domain_name", "${aws_api_gateway_domain_name.custom_domain[each.key].domain_name}");
        assertField(mapping, "/api_id", "${aws_api_gateway_rest_api.api[each.key].id}");
        assertTrue(mapping.path("base_path").isMissingNode(), "the API answers at the root of its own host");
        assertField(mapping, "/stage_name", "${aws_api_gateway_stage.stage[each.value.domain_stage_key].stage_name}");
        JsonNode vendors = domainStack().path("locals").path("vendors");
        for (String id : names(vendors)) {
            String key = vendors.path(id).path("domain_stage_key").asText();
            assertEquals(id + "/prod", key, "the domain serves each vendor's prod stage");
            assertTrue(domainStack().path("locals").path("vendor_stages").has(key), "the stage " + key + " exists");
        }
    }

    @Test
    void publishesTheCustomDomainUrlPerVendorAndTheDnsAliasTargets() {
        JsonNode kit = domainStack().path("output").path("onboarding").path("value").path("vendor-a");
        assertField(kit, "/stages/prod/customDomainUrl",
                "https://${aws_api_gateway_domain_name.custom_domain[\"vendor-a\"].domain_name}");
        assertTrue(kit.path("stages").path("dev").path("customDomainUrl").isMissingNode(), "only the domain's stage");
        JsonNode dns = domainStack().path("output").path("custom_domain_dns").path("value").path("vendor-a");
        assertField(dns, "/domainName", "${aws_api_gateway_domain_name.custom_domain[\"vendor-a\"].domain_name}");
        assertField(dns, "/regionalZoneId",
                "${aws_api_gateway_domain_name.custom_domain[\"vendor-a\"].regional_zone_id}");
        assertField(dns, "/stage", "prod");
        assertFalse(Synths.read(Synths.synth("shipped", Synths.shipped()).stackFile()).contains("custom_domain"),
                "the shipped registry has no custom domain and synthesizes none of it");
    }

    @Test
    void theCustomDomainWorksInTheSingleAccountModelToo() {
        JsonNode stack = Synths.synth("single-account-custom-domain", Synths.singleAccountCustomDomain()).json();
        JsonNode mapping = stack.path("resource").path("aws_api_gateway_base_path_mapping").path("base_path");
        assertField(mapping, "/for_each", "${local.vendors}");
        assertEquals(java.util.Set.of("vendor-a", "vendor-b", "vendor-ab", "payments"),
                java.util.Set.copyOf(names(stack.path("locals").path("vendors"))));
        assertField(stack.path("locals").path("vendors").path("vendor-ab"), "/domain_stage_key", "vendor-ab/prod");
        JsonNode kit = stack.path("output").path("onboarding").path("value").path("vendor-ab");
        assertField(kit, "/functionRoleArn", "${aws_iam_role.function_role[\"vendor-ab\"].arn}");
        assertField(kit, "/stages/prod/customDomainUrl",
                "https://${aws_api_gateway_domain_name.custom_domain[\"vendor-ab\"].domain_name}");
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode s : policy.path("Statement")) {
            if (s.path("Sid").asText().equals(sid)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }
}
