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
        assertField(stage, "/lifecycle/ignore_changes", List.of("deployment_id", "variables", "canary_settings"));
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
        assertField(resource("aws_iam_role", "deploy_role"), "/for_each", "${local.vendors}");
        assertField(resource("aws_iam_user", "user"), "/permissions_boundary", boundary);
        assertField(resource("aws_iam_user", "user"), "/for_each", "${local.vendor_users}");
        assertField(resource("aws_iam_role_policy_attachment", "deploy_role_policy"), "/policy_arn",
                "${aws_iam_policy.deploy_policy[each.key].arn}");
        assertField(resource("aws_iam_user_policy_attachment", "user_policy"), "/policy_arn",
                "${aws_iam_policy.deploy_policy[each.key].arn}");
        assertEquals(List.of("vendor-a", "vendor-b"), names(stack().path("locals").path("vendor_users")));
        assertTrue(stack().path("resource").path("aws_iam_access_key").isMissingNode(),
                "no access key may be created by Terraform: its secret would land in the state");
    }

    @Test
    void scopesTheDeployPolicyToTheVendorsOwnApiWithoutStagePatches() throws Exception {
        assertField(resource("aws_iam_policy", "deploy_policy"), "/policy",
                "${replace(each.value.deploy_policy, \"__API_ID__\", aws_api_gateway_rest_api.api[each.key].id)}");
        assertField(resource("aws_iam_policy", "boundary"), "/policy",
                "${replace(each.value.boundary, \"__API_ID__\", aws_api_gateway_rest_api.api[each.key].id)}");
        JsonNode policy = JSON.readTree(local("vendors", "vendor-a").path("deploy_policy").asText());
        String api = "arn:aws:apigateway:eu-west-1::/restapis/__API_ID__";
        JsonNode deploy = statement(policy, "DeployOwnApiToRegisteredStages");
        assertField(deploy, "/Action", List.of("apigateway:POST"));
        assertField(deploy, "/Resource", List.of(api + "/deployments"));
        assertField(deploy, "/Condition/StringEquals/apigateway:Request~1StageName", List.of("dev", "prod"));
        assertField(statement(policy, "ImportOwnApiDefinition"), "/Resource", List.of(api));
        for (JsonNode s : policy.path("Statement")) {
            if (s.path("Effect").asText().equals("Allow")) {
                assertFalse(s.path("Action").toString().contains("PATCH"), "no PATCH may be allowed: " + s);
            }
        }
    }

    @Test
    void trustsOnlyTheVendorsGithubEnvironmentsThroughOidc() throws Exception {
        assertField(resource("aws_iam_role", "deploy_role"), "/assume_role_policy", "${each.value.trust}");
        JsonNode trust = JSON.readTree(local("vendors", "vendor-a").path("trust").asText());
        JsonNode s = statement(trust, "GitHubActionsEnvironments");
        assertField(s, "/Principal/Federated", "${aws_iam_openid_connect_provider.github_oidc.arn}");
        assertField(s, "/Condition/StringEquals/token.actions.githubusercontent.com:sub",
                List.of("repo:vendor-a/feedback-api:environment:dev", "repo:vendor-a/feedback-api:environment:prod"));
        assertField(s, "/Condition/StringEquals/token.actions.githubusercontent.com:aud", "sts.amazonaws.com");
    }

    @Test
    void publishesAnOnboardingKitPerVendor() {
        String kit = stack().path("output").path("onboarding").path("value").asText();
        for (String part : List.of("for id, v in local.vendors : id =>", "apiId = aws_api_gateway_rest_api.api[id].id",
                "deployRoleArn = aws_iam_role.deploy_role[id].arn", "region = \"eu-west-1\"",
                "iamUserName = try(aws_iam_user.user[id].name, \"\")",
                "invokeUrl = aws_api_gateway_stage.stage[key].invoke_url")) {
            assertTrue(kit.contains(part), "the onboarding output should contain '" + part + "': " + kit);
        }
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
        assertEquals(before.path("output"), after.path("output"), "outputs");
        for (String map : List.of("vendors", "vendor_stages", "vendor_users")) {
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
    void createsACoreOwnedRegionalCustomDomainWithTls12() {
        JsonNode domain = domainStack().path("resource").path("aws_api_gateway_domain_name").path("custom_domain");
        assertFalse(domain.isMissingNode(), "expected aws_api_gateway_domain_name.custom_domain");
        assertField(domain, "/domain_name", "api.example.com");
        assertField(domain, "/regional_certificate_arn",
                "arn:aws:acm:eu-west-1:111111111111:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
        assertField(domain, "/endpoint_configuration/types", List.of("REGIONAL"));
        assertField(domain, "/security_policy", "TLS_1_2");
        assertField(domain, "/tags/managed-by", "core-infra");
        assertTrue(domain.path("certificate_arn").isMissingNode(), "a regional domain takes no edge certificate");
        assertTrue(domain.path("for_each").isMissingNode(), "one domain for all vendors: " + domain);
    }

    @Test
    void mapsEachVendorsBasePathToItsApiAtTheConfiguredStage() {
        JsonNode mapping = domainStack().path("resource").path("aws_api_gateway_base_path_mapping").path("base_path");
        assertFalse(mapping.isMissingNode(), "expected aws_api_gateway_base_path_mapping.base_path");
        assertField(mapping, "/for_each", "${local.vendors}");
        assertField(mapping, "/domain_name", "${aws_api_gateway_domain_name.custom_domain.domain_name}");
        assertField(mapping, "/api_id", "${aws_api_gateway_rest_api.api[each.key].id}");
        assertField(mapping, "/base_path", "${each.value.base_path}");
        // Read from the stage resource: the mapping depends on the stage and is created after it.
        assertField(mapping, "/stage_name", "${aws_api_gateway_stage.stage[each.value.domain_stage_key].stage_name}");
        JsonNode vendors = domainStack().path("locals").path("vendors");
        assertEquals(List.of("vendor-a", "vendor-b", "vendor-c"), names(vendors));
        assertField(vendors.path("vendor-a"), "/base_path", "feedback");
        assertField(vendors.path("vendor-b"), "/base_path", "vendor-b");
        assertField(vendors.path("vendor-c"), "/base_path", "vendor-c");
        for (String id : names(vendors)) {
            String key = vendors.path(id).path("domain_stage_key").asText();
            assertEquals(id + "/prod", key, "the domain serves each vendor's prod stage");
            assertTrue(domainStack().path("locals").path("vendor_stages").has(key), "the stage " + key + " exists");
        }
    }

    @Test
    void publishesTheCustomDomainUrlPerVendorAndTheDnsAliasTarget() {
        String kit = domainStack().path("output").path("onboarding").path("value").asText();
        assertTrue(kit.contains("customDomainUrl = format(\"https://%s/%s\", "
                        + "aws_api_gateway_domain_name.custom_domain.domain_name, "
                        + "aws_api_gateway_base_path_mapping.base_path[id].base_path)"),
                "each vendor's kit names its URL on the domain: " + kit);
        JsonNode dns = domainStack().path("output").path("custom_domain_dns").path("value");
        assertField(dns, "/domainName", "${aws_api_gateway_domain_name.custom_domain.domain_name}");
        assertField(dns, "/regionalDomainName", "${aws_api_gateway_domain_name.custom_domain.regional_domain_name}");
        assertField(dns, "/regionalZoneId", "${aws_api_gateway_domain_name.custom_domain.regional_zone_id}");
        assertField(dns, "/stage", "prod");
    }

    @Test
    void theDomainAddsOnlyItsOwnResourcesOutputsAndMapEntries() {
        String yaml = Synths.resource("registries/custom-domain.yaml");
        String without = yaml.replace(Synths.customDomainBlock(yaml), "").replace("    basePath: feedback\n", "");
        JsonNode absent = Synths.synth("custom-domain-absent", Synths.parse(without, "no-domain.yaml")).json();
        com.fasterxml.jackson.databind.node.ObjectNode stripped = domainStack().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stripped.path("resource"))
                .remove(List.of("aws_api_gateway_domain_name", "aws_api_gateway_base_path_mapping"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) stripped.path("output")).remove("custom_domain_dns");
        stripped.path("locals").path("vendors").forEach(v ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) v).remove(List.of("base_path", "domain_stage_key")));
        com.fasterxml.jackson.databind.node.ObjectNode onboarding =
                (com.fasterxml.jackson.databind.node.ObjectNode) stripped.path("output").path("onboarding");
        onboarding.put("value", onboarding.path("value").asText().replace(CoreStack.CUSTOM_DOMAIN_URL_FIELD, ""));
        ((com.fasterxml.jackson.databind.node.ObjectNode) stripped.path("//").path("outputs").path("core"))
                .remove("custom_domain_dns");
        assertEquals(List.of(), AccountModelsTest.differences(absent, stripped),
                "without its additions, the stack with a domain is the stack without one");
        assertEquals(absent, stripped);
        assertTrue(absent.path("resource").path("aws_api_gateway_domain_name").isMissingNode());
        assertFalse(Synths.read(Synths.synth("shipped", Synths.shipped()).stackFile()).contains("base_path"),
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
        String kit = stack.path("output").path("onboarding").path("value").asText();
        assertTrue(kit.contains("functionRoleArn = ") && kit.contains("customDomainUrl = "), kit);
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
