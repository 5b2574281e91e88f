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
    private static IamPolicyEngine engine;

    @BeforeAll
    static void synthesizeFiveVendors() {
        registry = Synths.parse(Synths.resource("registries/five-vendors.yaml"), "five-vendors.yaml");
        assertTrue(registry.vendors().size() >= 5, "the matrix needs at least five vendors");
        SynthesizedStack stack = Synths.synth("five-vendors", registry);
        Map<String, String> apiIds = new LinkedHashMap<>();
        for (int i = 0; i < registry.vendors().size(); i++) {
            // Shaped like real REST API ids (10 lowercase alphanumerics), one per vendor, as after apply.
            apiIds.put(registry.vendors().get(i).id(), String.format("%010x", 0xa1b2c3L * (i + 7)));
        }
        policies = stack.vendorPolicies(apiIds);
        engine = IamPolicyEngine.installed();
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
        VendorPolicies a = policies.get("vendor-a");
        widened.put("vendor-a", new VendorPolicies(a.vendorId(), a.apiId(), a.region(), a.coreAccountId(), a.roleArn(),
                a.userArn(), widen(a.deployPolicyJson(), a.apiId()), widen(a.boundaryJson(), a.apiId())));
        PolicyMatrix m = matrix(widened, "vendor-a");
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.println("widened to /restapis/*: " + failures.size() + " isolation failures, e.g. "
                + failures.stream().limit(2).toList());
        assertFalse(failures.isEmpty(), "a policy on /restapis/* must fail the isolation check");
        String other = policies.get("vendor-b").apiId();
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("vendor-a") && f.contains("apigateway:PUT")
                        && f.contains("/restapis/" + other)),
                "vendor-a overwriting vendor-b's API must be among the failures: " + failures);
    }

    @Test
    void theBoundaryStillContainsAWidenedDeployPolicy() {
        Map<String, VendorPolicies> widened = new LinkedHashMap<>(policies);
        VendorPolicies a = policies.get("vendor-a");
        widened.put("vendor-a", new VendorPolicies(a.vendorId(), a.apiId(), a.region(), a.coreAccountId(), a.roleArn(),
                a.userArn(), widen(a.deployPolicyJson(), a.apiId()), a.boundaryJson()));
        PolicyMatrix m = matrix(widened, "vendor-a");
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
                + "vendors:\n").replaceFirst("    integration: lambda\n", "    integration: lambda\n    basePath: feedback\n");
        Registry withDomain = Synths.parse(yaml, "five-vendors-custom-domain.yaml");
        Registry.CustomDomain domain = withDomain.customDomain().orElseThrow();
        Map<String, String> apiIds = new LinkedHashMap<>();
        policies.forEach((id, p) -> apiIds.put(id, p.apiId()));
        Map<String, VendorPolicies> domainPolicies = Synths.synth("five-vendors-custom-domain", withDomain)
                .vendorPolicies(apiIds);
        assertEquals(policies, domainPolicies, "the custom domain must not change any vendor's policy or boundary");

        PolicyMatrix m = domainMatrix(withDomain, domainPolicies, null);
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.printf("custom domain %s: %d cases for %d identities (every verb on the domain and on every "
                + "vendor's base path mapping, own included: all must be denied); %d failures%n", domain.name(),
                m.cases.size(), m.identities, failures.size());
        assertTrue(m.cases.size() >= 9 * 5 * 7, "every identity, verb and mapping: " + m.cases.size());
        assertEquals(List.of(), failures, "a vendor must not touch the core's domain or any base path mapping");

        // The cases have teeth: vendor-a's policy and boundary reaching /domainnames/* (deny removed) fail them.
        VendorPolicies a = domainPolicies.get("vendor-a");
        Map<String, VendorPolicies> widened = new LinkedHashMap<>(domainPolicies);
        widened.put("vendor-a", new VendorPolicies(a.vendorId(), a.apiId(), a.region(), a.coreAccountId(), a.roleArn(),
                a.userArn(), toDomains(a.deployPolicyJson(), a), toDomains(a.boundaryJson(), a)));
        PolicyMatrix onlyA = domainMatrix(withDomain, widened, "vendor-a");
        List<String> caught = onlyA.failures(engine.evaluate(onlyA.cases));
        System.out.println("vendor-a's policies reaching /domainnames/*: " + caught.size() + " failures, e.g. "
                + caught.stream().limit(2).toList());
        assertTrue(caught.stream().anyMatch(f -> f.contains("own base path") && f.contains("/basepathmappings/feedback")),
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

    /** Every verb of every identity on the core's domain and on each vendor's base path mapping: all denied. */
    private static PolicyMatrix domainMatrix(Registry withDomain, Map<String, VendorPolicies> domainPolicies,
                                       String onlyVendor) {
        Registry.CustomDomain domain = withDomain.customDomain().orElseThrow();
        PolicyMatrix m = new PolicyMatrix();
        String base = "arn:aws:apigateway:" + withDomain.region() + "::/domainnames/" + domain.name();
        for (Vendor v : withDomain.vendors()) {
            if (onlyVendor != null && !onlyVendor.equals(v.id())) {
                continue;
            }
            VendorPolicies p = domainPolicies.get(v.id());
            List<String> principals = new ArrayList<>(List.of(p.roleArn()));
            p.userArn().ifPresent(principals::add);
            for (String principal : principals) {
                m.identities++;
                String who = v.id() + " " + (principal.contains(":role/") ? "role" : "user");
                for (String method : METHODS) {
                    m.add(false, who + " core domain", c(p, principal, "apigateway:" + method, base));
                    m.add(false, who + " core domain", c(p, principal, "apigateway:" + method, base
                            + "/basepathmappings"));
                    for (Vendor owner : withDomain.vendors()) {
                        m.add(false, who + (owner == v ? " own" : " other vendor " + owner.id()) + " base path",
                                c(p, principal, "apigateway:" + method, base + "/basepathmappings/" + owner.basePath()));
                    }
                }
                // CreateBasePathMapping is POST on the collection; the stage it would name does not matter.
                m.add(false, who + " own base path", c(p, principal, "apigateway:POST", base + "/basepathmappings",
                        Map.of("apigateway:Request/StageName", domain.stage())));
            }
        }
        return m;
    }

    private static String widen(String policy, String apiId) {
        String widened = policy.replace("::/restapis/" + apiId, "::/restapis/*");
        assertFalse(widened.equals(policy), "widening changed nothing");
        return widened;
    }

    /** The cases of every vendor's identities, or only of {@code onlyVendor}'s when it is not null. */
    private static PolicyMatrix matrix(Map<String, VendorPolicies> policies, String onlyVendor) {
        PolicyMatrix m = new PolicyMatrix();
        String region = registry.region();
        String account = registry.coreAccountId();
        for (Vendor v : registry.vendors()) {
            if (onlyVendor != null && !onlyVendor.equals(v.id())) {
                continue;
            }
            VendorPolicies p = policies.get(v.id());
            List<String> principals = new ArrayList<>(List.of(p.roleArn()));
            p.userArn().ifPresent(principals::add);
            for (String principal : principals) {
                m.identities++;
                String who = v.id() + " " + (principal.contains(":role/") ? "role" : "user");
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
                    m.add(true, who + " own", c(p, principal, "apigateway:POST", api + "/deployments",
                            Map.of("apigateway:Request/StageName", stage)));
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
                // Every other vendor's API and logs: denied.
                for (Vendor other : registry.vendors()) {
                    if (other.id().equals(v.id())) {
                        continue;
                    }
                    VendorPolicies o = policies.get(other.id());
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
                    m.add(false, label, c(p, principal, "sts:AssumeRole", o.roleArn()));
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
                String user = Names.userArn(account, v.id());
                String role = p.roleArn();
                String policy = "arn:aws:iam::" + account + ":policy" + Names.IAM_PATH + Names.deployPolicyName(v.id());
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
