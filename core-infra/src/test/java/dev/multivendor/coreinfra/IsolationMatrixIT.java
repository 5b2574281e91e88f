package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.IamPolicyEngine.Case;
import dev.multivendor.coreinfra.IamPolicyEngine.Result;
import dev.multivendor.coreinfra.Registry.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.multivendor.coreinfra.PolicyMatrix.logArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isolation proven by a real IAM policy engine: every vendor identity (deploy role and static user) of a
 * five-vendor registry, governed by its synthesized deploy policy and permissions boundary, against its own API
 * (what the release pipeline needs: allowed; guardrails: denied), every other vendor's API (all denied) and the
 * account-global resources and escalation paths (all denied).
 */
class IsolationMatrixIT {

    private static final String[] METHODS = {"GET", "PUT", "POST", "PATCH", "DELETE"};
    private static final List<String> GLOBAL_PATHS = List.of("/account", "/apikeys", "/apikeys/k1",
            "/clientcertificates", "/clientcertificates/c1", "/domainnames", "/domainnames/api.example.com",
            "/domainnames/api.example.com/basepathmappings", "/domainnames/api.example.com/basepathmappings/v1",
            "/usageplans", "/usageplans/u1", "/usageplans/u1/keys", "/vpclinks", "/vpclinks/l1", "/restapis",
            "/apis", "/tags/arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Frestapis%2Fabc");

    private static final java.util.concurrent.atomic.AtomicInteger IDS = new java.util.concurrent.atomic.AtomicInteger();
    private static Registry registry;
    private static Map<String, VendorPolicies> policies;
    private static SynthesizedStack stack;
    private static IamPolicyEngine engine;

    @BeforeAll
    static void synthesizeFiveVendors() {
        registry = Synths.parse(Synths.resource("registries/five-vendors.yaml"), "five-vendors.yaml");
        assertTrue(registry.vendors().size() >= 5, "the matrix needs at least five vendors");
        stack = Synths.synth("five-vendors", registry);
        Map<String, String> apiIds = new LinkedHashMap<>();
        for (int i = 0; i < registry.vendors().size(); i++) {
            // Shaped like real REST API ids (10 lowercase alphanumerics), one per vendor, as after apply.
            apiIds.put(registry.vendors().get(i).id(), String.format("%010x", 0xa1b2c3L * (i + 7)));
        }
        policies = SynthesizedPolicies.identityPolicies(stack, apiIds);
        engine = IamPolicyEngine.installed();
    }

    /**
     * One identity per CI environment: vendor-a's dev identity cannot deploy to prod. Given the deploy policy and
     * boundary of the one role per vendor this replaced (every stage), the same cases fail.
     */
    @Test
    void aDevIdentityCannotDeployToProdAndTheCheckFailsWithOneRoleForAllStages() {
        VendorPolicies dev = policies.get("vendor-a/dev");
        Vendor a = registry.vendors().get(0);
        Map<String, VendorPolicies> oneRole = new LinkedHashMap<>(policies);
        oneRole.put("vendor-a/dev", dev.withPolicies(
                VendorAccountPolicies.deployPolicy(registry.region(), registry.coreAccountId(), a, a.stageNames(), dev.apiId()),
                VendorAccountPolicies.boundary(registry.region(), registry.coreAccountId(), a, a.stageNames(), dev.apiId())));
        PolicyMatrix m = matrix(oneRole, "vendor-a/dev");
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.println("vendor-a/dev with one policy for every stage: " + failures.size() + " failures, e.g. "
                + failures.stream().limit(1).toList());
        assertTrue(failures.stream().anyMatch(f -> f.contains("other environment's stage")
                        && f.contains("apigateway:Request/StageName=prod")),
                "the dev identity deploying to prod must be among the failures: " + failures);
    }

    /**
     * A broader policy attached by mistake (POST anywhere on its API, no stage condition) still cannot create a stage
     * through CreateDeployment: the boundary denies every stage but the identity's own. Without that deny in the
     * boundary, the same cases fail.
     */
    @Test
    void theBoundaryKeepsAWidenedPolicyFromDeployingToUnregisteredStages() {
        VendorPolicies dev = policies.get("vendor-a/dev");
        String broad = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"apigateway:POST\","
                + "\"Resource\":\"" + dev.apiArn() + "/*\"}]}";
        Map<String, VendorPolicies> widened = new LinkedHashMap<>(policies);
        widened.put("vendor-a/dev", dev.withPolicies(broad, dev.boundaryJson()));
        PolicyMatrix m = stageMatrix(widened.get("vendor-a/dev"));
        List<String> failures = m.failures(engine.evaluate(m.cases));
        assertEquals(List.of(), failures, "the boundary must stop deployments to unregistered stages");

        String boundaryWithoutDeny = withoutStatement(dev.boundaryJson(), "DenyDeployingToOtherStages");
        PolicyMatrix before = stageMatrix(dev.withPolicies(broad, boundaryWithoutDeny));
        List<String> caught = before.failures(engine.evaluate(before.cases));
        System.out.println("widened policy, boundary without the stage deny: " + caught.size() + " failures, e.g. "
                + caught.stream().limit(1).toList());
        assertTrue(caught.stream().anyMatch(f -> f.contains("StageName=unregistered")),
                "without the boundary's deny, a deployment creating a new stage must be among the failures: " + caught);
    }

    /** The deployments a widened policy could attempt: its own stage (allowed), every other name (denied). */
    private static PolicyMatrix stageMatrix(VendorPolicies p) {
        PolicyMatrix m = new PolicyMatrix();
        m.identities = 1;
        String who = p.vendorId() + " " + p.identity() + " widened";
        for (String stage : List.of("dev", "prod", "unregistered", "dev2")) {
            m.add(p.stages().contains(stage), who, c(p, p.principalArn(), "apigateway:POST", p.apiArn()
                    + "/deployments", Map.of("apigateway:Request/StageName", stage)));
        }
        m.add(false, who, c(p, p.principalArn(), "apigateway:POST", p.apiArn() + "/deployments"));
        return m;
    }

    static String withoutStatement(String policy, String sid) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.readTree(policy);
            com.fasterxml.jackson.databind.node.ArrayNode kept = json.createArrayNode();
            doc.get("Statement").forEach(st -> {
                if (!sid.equals(st.path("Sid").asText())) {
                    kept.add(st);
                }
            });
            assertEquals(doc.get("Statement").size() - 1, kept.size(), "no statement " + sid + " in " + policy);
            doc.set("Statement", kept);
            return json.writeValueAsString(doc);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyVendorCanReleaseItsOwnApiAndNothingElse() {
        PolicyMatrix m = matrix(policies, null);
        List<Result> results = engine.evaluate(m.cases);
        List<String> failures = m.failures(results);
        System.out.println(m.summary("isolation matrix", registry.vendors().size(), results, failures.size()));
        assertEquals(List.of(), failures, "isolation violated");
    }

    @Test
    void theCheckCatchesAPolicyWidenedToEveryRestApi() {
        Map<String, VendorPolicies> widened = new LinkedHashMap<>(policies);
        VendorPolicies a = policies.get("vendor-a/dev");
        widened.put("vendor-a/dev", a.withPolicies(widen(a.deployPolicyJson(), a.apiId()),
                widen(a.boundaryJson(), a.apiId())));
        PolicyMatrix m = matrix(widened, "vendor-a/dev");
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.println("widened to /restapis/*: " + failures.size() + " isolation failures, e.g. "
                + failures.stream().limit(2).toList());
        assertFalse(failures.isEmpty(), "a policy on /restapis/* must fail the isolation check");
        String other = apiIdOf("vendor-b");
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("vendor-a") && f.contains("apigateway:PUT")
                        && f.contains("/restapis/" + other)),
                "vendor-a overwriting vendor-b's API must be among the failures: " + failures);
    }

    @Test
    void theBoundaryStillContainsAWidenedDeployPolicy() {
        Map<String, VendorPolicies> widened = new LinkedHashMap<>(policies);
        VendorPolicies a = policies.get("vendor-a/dev");
        widened.put("vendor-a/dev", a.withPolicies(widen(a.deployPolicyJson(), a.apiId()), a.boundaryJson()));
        PolicyMatrix m = matrix(widened, "vendor-a/dev");
        List<String> failures = m.failures(engine.evaluate(m.cases));
        assertEquals(List.of(), failures.stream().filter(f -> f.contains("other vendor")).toList(),
                "with the boundary intact, a too-wide deploy policy must still not reach other vendors' APIs");
    }

    /**
     * With the core's custom domain in the registry, every vendor identity is still denied every verb on the domain
     * and on every base path mapping, its own included: the mappings are core-owned, so no vendor can repoint (or
     * delete, or add) a path on the domain. The domain changes no vendor policy.
     */
    @Test
    void noVendorCanCreateChangeOrDeleteABasePathMappingOnTheCoresDomain() {
        String yaml = Synths.resource("registries/five-vendors.yaml");
        yaml = yaml.replace("vendors:\n", Synths.customDomainBlock(Synths.resource("registries/custom-domain.yaml"))
                + "vendors:\n").replaceFirst("    integration: lambda\n", "    integration: lambda\n    subdomain: feedback\n");
        Registry withDomain = Synths.parse(yaml, "five-vendors-custom-domain.yaml");
        Registry.CustomDomain domain = withDomain.customDomain().orElseThrow();
        Map<String, String> apiIds = new LinkedHashMap<>();
        policies.values().forEach(p -> apiIds.put(p.vendorId(), p.apiId()));
        Map<String, VendorPolicies> domainPolicies = SynthesizedPolicies.identityPolicies(
                Synths.synth("five-vendors-custom-domain", withDomain), apiIds);
        assertEquals(policies, domainPolicies, "the custom domain must not change any vendor's policy or boundary");

        PolicyMatrix m = domainMatrix(withDomain, domainPolicies, null);
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.printf("custom domain %s: %d cases for %d identities (every verb on the domain and on every "
                + "vendor's base path mapping, own included: all must be denied); %d failures%n", domain.name(),
                m.cases.size(), m.identities, failures.size());
        assertTrue(m.cases.size() >= m.identities * 5 * 3 * 5, "every identity, verb, domain and mapping: "
                + m.cases.size());
        assertEquals(List.of(), failures, "a vendor must not touch the core's domain or any base path mapping");

        // The cases have teeth: vendor-a's policy and boundary reaching /domainnames/* (deny removed) fail them.
        VendorPolicies a = domainPolicies.get("vendor-a/dev");
        Map<String, VendorPolicies> widened = new LinkedHashMap<>(domainPolicies);
        widened.put("vendor-a/dev", a.withPolicies(toDomains(a.deployPolicyJson(), a), toDomains(a.boundaryJson(), a)));
        PolicyMatrix onlyA = domainMatrix(withDomain, widened, "vendor-a/dev");
        List<String> caught = onlyA.failures(engine.evaluate(onlyA.cases));
        System.out.println("vendor-a's policies reaching /domainnames/*: " + caught.size() + " failures, e.g. "
                + caught.stream().limit(2).toList());
        assertTrue(caught.stream().anyMatch(f -> f.contains("own base path")
                        && f.contains("/domainnames/feedback.api.example.com/basepathmappings")),
                "a policy reaching the domain must fail the check: " + caught);
    }

    /** The policy with its API Gateway allows extended to every domain name and the deny on them removed. */
    private static String toDomains(String policy, VendorPolicies p) {
        String own = "\"" + p.apiArn() + "/*\"";
        String widened = policy.replace("\"arn:aws:apigateway:*::/domainnames/*\",", "")
                .replace(own, own + ",\"arn:aws:apigateway:" + p.region() + "::/domainnames/*\"");
        assertFalse(widened.equals(policy) || !widened.contains("::/domainnames/*\""), "widening changed nothing");
        return widened;
    }

    /** Every verb of every identity on every vendor's host of the core's domain and its mapping: all denied. */
    private static PolicyMatrix domainMatrix(Registry withDomain, Map<String, VendorPolicies> domainPolicies,
                                       String only) {
        Registry.CustomDomain domain = withDomain.customDomain().orElseThrow();
        PolicyMatrix m = new PolicyMatrix();
        String domains = "arn:aws:apigateway:" + withDomain.region() + "::/domainnames/";
        for (VendorPolicies p : domainPolicies.values()) {
            if (!PolicyMatrix.selected(p, only)) {
                continue;
            }
            m.identities++;
            String who = p.vendorId() + " " + p.identity();
            for (Vendor owner : withDomain.vendors()) {
                String base = domains + domain.host(owner);
                String whose = owner.id().equals(p.vendorId()) ? " own" : " other vendor " + owner.id();
                for (String method : METHODS) {
                    m.add(false, who + whose + " domain", c(p, p.principalArn(), "apigateway:" + method, base));
                    m.add(false, who + whose + " base path", c(p, p.principalArn(), "apigateway:" + method, base
                            + "/basepathmappings"));
                    m.add(false, who + whose + " base path", c(p, p.principalArn(), "apigateway:" + method, base
                            + "/basepathmappings/(none)"));
                }
            }
            // CreateBasePathMapping is POST on the collection; the stage it would name does not matter.
            m.add(false, who + " own base path", c(p, p.principalArn(), "apigateway:POST", domains
                    + domain.host(withDomain.vendors().stream().filter(v -> v.id().equals(p.vendorId())).findFirst()
                    .orElseThrow()) + "/basepathmappings", Map.of("apigateway:Request/StageName", domain.stage())));
        }
        return m;
    }

    private static String apiIdOf(String vendorId) {
        return PolicyMatrix.identitiesOf(policies, vendorId).get(0).apiId();
    }

    private static String widen(String policy, String apiId) {
        String widened = policy.replace("::/restapis/" + apiId, "::/restapis/*");
        assertFalse(widened.equals(policy), "widening changed nothing");
        return widened;
    }

    /** The cases of every identity, or only of {@code only} (a vendor id or "vendor/identity") when not null. */
    private static PolicyMatrix matrix(Map<String, VendorPolicies> policies, String only) {
        PolicyMatrix m = new PolicyMatrix();
        String region = registry.region();
        String account = registry.coreAccountId();
        for (Vendor v : registry.vendors()) {
            for (VendorPolicies p : PolicyMatrix.identitiesOf(policies, v.id())) {
                if (!PolicyMatrix.selected(p, only)) {
                    continue;
                }
                String principal = p.principalArn();
                m.identities++;
                String who = v.id() + " " + p.identity();
                String api = p.apiArn();
                // What the release pipeline needs on its own API: allowed.
                m.add(true, who + " own", c(p, principal, "apigateway:GET", api));
                m.add(true, who + " own", c(p, principal, "apigateway:GET", api + "/deployments"));
                m.add(true, who + " own", c(p, principal, "apigateway:GET", api + "/deployments/d1"));
                m.add(true, who + " own", c(p, principal, "apigateway:PUT", api));
                for (String stage : v.stageNames()) {
                    m.add(true, who + " own", c(p, principal, "apigateway:GET", api + "/stages/" + stage));
                    m.add(true, who + " own", c(p, principal, "apigateway:GET", api + "/stages/" + stage
                            + "/exports/oas30"));
                    // Deploying: its own environment's stages only; another environment's stage is denied.
                    boolean mine = p.stages().contains(stage);
                    m.add(mine, who + (mine ? " own" : " other environment's stage"), c(p, principal,
                            "apigateway:POST", api + "/deployments", Map.of("apigateway:Request/StageName", stage)));
                    m.add(true, who + " own logs", c(p, principal, "logs:GetLogEvents", logArn(region, account,
                            Names.accessLogGroup(v.id(), stage)) + ":log-stream:s1"));
                    m.add(true, who + " own logs", c(p, principal, "logs:FilterLogEvents", logArn(region, account,
                            Names.executionLogGroup(p.apiId(), stage))));
                }
                // Guardrails on its own API: denied.
                String first = v.stageNames().get(0);
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:PATCH", api + "/stages/" + first));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:DELETE", api + "/stages/" + first));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:POST", api + "/stages"));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:POST", api + "/deployments",
                        Map.of("apigateway:Request/StageName", "unregistered")));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:POST", api + "/deployments"));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:PATCH", api));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:DELETE", api));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:UpdateRestApiPolicy", api));
                m.add(false, who + " own guardrail", c(p, principal, "apigateway:PUT", api
                        + "/resources/r1/methods/GET"));
                for (String[] control : PolicyMatrix.coreControlCalls(region, account, v.id(), first, p.apiId())) {
                    m.add(false, who + " core control", c(p, principal, control[0], control[1]));
                }
                // Every other vendor's API and logs: denied.
                for (Vendor other : registry.vendors()) {
                    if (other.id().equals(v.id())) {
                        continue;
                    }
                    VendorPolicies o = PolicyMatrix.identitiesOf(policies, other.id()).get(0);
                    String theirs = o.apiArn();
                    String label = who + " other vendor " + other.id();
                    String stage = other.stageNames().get(0);
                    for (String method : METHODS) {
                        for (String path : List.of("", "/stages/" + stage, "/stages/" + stage + "/exports/oas30",
                                "/deployments", "/deployments/d1", "/resources")) {
                            m.add(false, label, c(p, principal, "apigateway:" + method, theirs + path));
                        }
                    }
                    m.add(false, label, c(p, principal, "apigateway:POST", theirs + "/deployments",
                            Map.of("apigateway:Request/StageName", stage)));
                    m.add(false, label, c(p, principal, "logs:GetLogEvents", logArn(region, account,
                            Names.accessLogGroup(other.id(), stage)) + ":log-stream:s1"));
                    m.add(false, label, c(p, principal, "logs:FilterLogEvents", logArn(region, account,
                            Names.executionLogGroup(o.apiId(), stage))));
                    m.add(false, label, c(p, principal, "sts:AssumeRole", o.principalArn()));
                }
                // Account-global API Gateway resources, other regions, escalation: denied.
                for (String method : METHODS) {
                    for (String path : GLOBAL_PATHS) {
                        m.add(false, who + " account-global", c(p, principal, "apigateway:" + method,
                                "arn:aws:apigateway:" + region + "::" + path));
                    }
                }
                m.add(false, who + " other region", c(p, principal, "apigateway:POST",
                        "arn:aws:apigateway:us-east-1::/restapis"));
                String user = IdentityArns.userArn(account, v.id());
                String role = IdentityArns.roleArn(account, v.id(), p.identity());
                String policy = "arn:aws:iam::" + account + ":policy" + Names.IAM_PATH
                        + Names.identityPolicyName(v.id(), p.identity());
                for (String[] esc : List.of(new String[] {"iam:CreateAccessKey", user},
                        new String[] {"iam:AttachUserPolicy", user}, new String[] {"iam:DeleteUserPermissionsBoundary", user},
                        new String[] {"iam:PutUserPolicy", user}, new String[] {"iam:AttachRolePolicy", role},
                        new String[] {"iam:PutRolePolicy", role}, new String[] {"iam:UpdateAssumeRolePolicy", role},
                        new String[] {"iam:DeleteRolePermissionsBoundary", role},
                        new String[] {"iam:CreatePolicyVersion", policy},
                        new String[] {"iam:CreateRole", "arn:aws:iam::" + account + ":role/new"},
                        new String[] {"iam:PassRole", "arn:aws:iam::" + account + ":role/core-apigateway-cloudwatch"},
                        new String[] {"sts:AssumeRole", "arn:aws:iam::" + account + ":role/core-apigateway-cloudwatch"})) {
                    m.add(false, who + " escalation", c(p, principal, esc[0], esc[1]));
                }
            }
        }
        return m;
    }

    private static Case c(VendorPolicies p, String principal, String action, String resource) {
        return c(p, principal, action, resource, Map.of());
    }

    private static Case c(VendorPolicies p, String principal, String action, String resource, Map<String, String> ctx) {
        return Case.forVendor("c" + IDS.incrementAndGet(), p, principal, action, resource, ctx);
    }
}
