package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.IamPolicyEngine.Case;
import dev.multivendor.coreinfra.IamPolicyEngine.NamedPolicy;
import dev.multivendor.coreinfra.IamPolicyEngine.Result;
import dev.multivendor.coreinfra.Registry.Vendor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.multivendor.coreinfra.PolicyMatrix.logArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-account model ({@code accountModel: single-account}) proven by the same real IAM policy engine as
 * {@link IsolationMatrixIT}: four vendors share one account, and each vendor identity (deploy role, static user)
 * carries the principal tag {@code vendor=<id>}. Every case gives the engine the request and resource tags AWS would
 * evaluate: {@code aws:RequestTag/*} and {@code aws:TagKeys} on create and tag calls, {@code aws:ResourceTag/*} of
 * the target (REST API children inherit the API's tags for authorization, so a stage or deployment carries its
 * API's tags). Each vendor can create, then edit and deploy its own API and function; cannot edit, deploy,
 * invoke-configure, retag or delete another's; cannot create untagged or wrongly tagged resources; cannot pass
 * another vendor's role. The last tests remove the tag conditions and watch the check fail.
 */
class SingleAccountIsolationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METHODS = {"GET", "PUT", "POST", "PATCH", "DELETE"};
    private static final String VENDOR = "aws:ResourceTag/" + Names.VENDOR_TAG;
    private static final String PRINCIPAL = "aws:PrincipalTag/" + Names.VENDOR_TAG;
    private static final List<String> GLOBAL_PATHS = List.of("/account", "/apikeys", "/apikeys/k1",
            "/clientcertificates", "/domainnames", "/domainnames/api.example.com/basepathmappings", "/usageplans",
            "/usageplans/u1/keys", "/vpclinks", "/apis", "/tags/arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Frestapis%2Fabc");
    private static final List<String> FUNCTION_ACTIONS = List.of("lambda:GetFunction",
            "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:PublishVersion",
            "lambda:CreateAlias", "lambda:UpdateAlias", "lambda:InvokeFunction", "lambda:DeleteFunction");

    private static final AtomicInteger IDS = new AtomicInteger();
    private static Registry registry;
    private static Map<String, VendorPolicies> policies;
    private static Map<String, List<String>> functionRoles;
    private static Map<String, String> createdApiIds;
    private static IamPolicyEngine engine;

    @BeforeAll
    static void synthesizeFourVendorsInOneAccount() {
        registry = Synths.parse(Synths.resource("registries/single-account.yaml"), "single-account.yaml");
        assertTrue(registry.singleAccount(), "the matrix is for accountModel single-account");
        assertTrue(registry.vendors().size() >= 4, "the matrix needs at least four vendors");
        SynthesizedStack stack = Synths.synth("single-account", registry);
        Map<String, String> apiIds = new LinkedHashMap<>();
        createdApiIds = new LinkedHashMap<>();
        for (int i = 0; i < registry.vendors().size(); i++) {
            String id = registry.vendors().get(i).id();
            apiIds.put(id, String.format("%010x", 0xa1b2c3L * (i + 7)));
            // An API the vendor created itself (CreateRestApi with its tag), not a core shell.
            createdApiIds.put(id, String.format("%010x", 0xc3b2a1L * (i + 11)));
        }
        policies = SynthesizedPolicies.identityPolicies(stack, apiIds);
        functionRoles = SynthesizedPolicies.functionRolePolicies(stack);
        assertEquals(apiIds.keySet(), functionRoles.keySet(), "every vendor has a function role in this model");
        engine = IamPolicyEngine.installed();
    }

    @Test
    void everyVendorCreatesEditsAndDeploysItsOwnTaggedResourcesAndNothingElse() {
        PolicyMatrix m = matrix(policies, null);
        List<Result> results = engine.evaluate(m.cases);
        List<String> failures = m.failures(results);
        System.out.println(m.summary("single-account matrix", registry.vendors().size(), results, failures.size()));
        assertEquals(List.of(), failures, "single-account isolation violated");
    }

    @Test
    void theCheckFailsWhenTheTagConditionsAreRemoved() {
        Map<String, VendorPolicies> untagged = new LinkedHashMap<>(policies);
        VendorPolicies a = policies.get("vendor-a/dev");
        untagged.put("vendor-a/dev", a.withPolicies(withoutTagConditions(a.deployPolicyJson()),
                withoutTagConditions(a.boundaryJson())));
        PolicyMatrix m = matrix(untagged, "vendor-a/dev");
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.println("tag conditions removed from vendor-a's policy and boundary: " + failures.size()
                + " isolation failures, e.g. " + failures.stream().limit(3).toList());
        String theirApi = apiIdOf("vendor-b");
        assertTrue(failures.stream().anyMatch(f -> f.contains("other vendor vendor-b") && f.contains("apigateway:PUT")
                && f.contains("/restapis/" + theirApi + " ")), "overwriting vendor-b's API must be among them: " + failures);
        assertTrue(failures.stream().anyMatch(f -> f.contains("untagged") && f.contains("lambda:CreateFunction")),
                "creating an untagged function must be among them: " + failures);
        assertTrue(failures.stream().anyMatch(f -> f.contains("wrongly tagged") && f.contains("lambda:CreateFunction")),
                "creating a function tagged for another vendor must be among them: " + failures);
    }

    @Test
    void theBoundaryStillHoldsWhenOnlyTheDeployPolicyLosesItsTagConditions() {
        Map<String, VendorPolicies> untagged = new LinkedHashMap<>(policies);
        VendorPolicies a = policies.get("vendor-a/dev");
        untagged.put("vendor-a/dev", a.withPolicies(withoutTagConditions(a.deployPolicyJson()), a.boundaryJson()));
        PolicyMatrix m = matrix(untagged, "vendor-a/dev");
        List<String> failures = m.failures(engine.evaluate(m.cases));
        assertEquals(List.of(), failures, "with the boundary's tag conditions intact, a deploy policy without them "
                + "must still not reach other vendors' resources");
    }

    /**
     * A broader policy attached by mistake (POST on every tagged API below /restapis, no stage condition) still cannot
     * deploy vendor-a's prod identity into any other stage name: the boundary's deny holds; without it, it does not.
     */
    @Test
    void theBoundaryKeepsAWidenedPolicyFromDeployingToUnregisteredStages() {
        VendorPolicies prod = policies.get("vendor-a/prod");
        String broad = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"apigateway:POST\","
                + "\"Resource\":\"arn:aws:apigateway:" + registry.region() + "::/restapis/*\"}]}";
        List<String> held = m(prod.withPolicies(broad, prod.boundaryJson()));
        assertEquals(List.of(), held, "the boundary must stop deployments to other stages");
        List<String> caught = m(prod.withPolicies(broad, IsolationMatrixIT.withoutStatement(prod.boundaryJson(),
                "DenyDeployingToOtherStages")));
        assertTrue(caught.stream().anyMatch(f -> f.contains("StageName=unregistered")),
                "without the boundary's deny a deployment creating a stage must get through: " + caught);
    }

    private static List<String> m(VendorPolicies p) {
        PolicyMatrix m = new PolicyMatrix();
        C c = new C(m, p, p.principalArn(), p.vendorId());
        Map<String, String> shell = Map.of(VENDOR, p.vendorId(), "aws:ResourceTag/managed-by", "core-infra");
        for (String stage : List.of("dev", "prod", "unregistered")) {
            c.add(p.stages().contains(stage), p.vendorId() + " " + p.identity() + " widened", "apigateway:POST",
                    p.apiArn() + "/deployments", plus(shell, Map.of("apigateway:Request/StageName", stage)));
        }
        return m.failures(engine.evaluate(m.cases));
    }

    /**
     * The core's custom domain in this model too: no vendor identity may create, change or delete a base path
     * mapping (its own included) or the domain, whatever tags it sends; the domain changes no vendor policy.
     */
    @Test
    void noVendorCanCreateChangeOrDeleteABasePathMappingOnTheCoresDomain() {
        Registry withDomain = Synths.singleAccountCustomDomain();
        Registry.CustomDomain domain = withDomain.customDomain().orElseThrow();
        Map<String, String> apiIds = new LinkedHashMap<>();
        policies.values().forEach(p -> apiIds.put(p.vendorId(), p.apiId()));
        Map<String, VendorPolicies> domainPolicies = SynthesizedPolicies.identityPolicies(
                Synths.synth("single-account-custom-domain", withDomain), apiIds);
        assertEquals(policies, domainPolicies, "the custom domain must not change any vendor's policy or boundary");

        PolicyMatrix m = new PolicyMatrix();
        String domains = "arn:aws:apigateway:" + withDomain.region() + "::/domainnames/";
        Map<String, String> coreOwned = Map.of("aws:ResourceTag/managed-by", "core-infra");
        for (Vendor v : withDomain.vendors()) {
            for (VendorPolicies p : PolicyMatrix.identitiesOf(domainPolicies, v.id())) {
                String principal = p.principalArn();
                m.identities++;
                String who = v.id() + " " + p.identity();
                C c = new C(m, p, principal, v.id());
                for (Vendor owner : withDomain.vendors()) {
                    String base = domains + domain.host(owner);
                    String whose = owner == v ? " own" : " other vendor " + owner.id();
                    for (String method : METHODS) {
                        c.add(false, who + whose + " domain", "apigateway:" + method, base, coreOwned);
                        c.add(false, who + whose + " domain", "apigateway:" + method, base + "/basepathmappings",
                                coreOwned);
                        c.add(false, who + whose + " base path", "apigateway:" + method, base
                                + "/basepathmappings/(none)", coreOwned);
                    }
                }
                c.add(false, who + " own base path, own tag", "apigateway:POST", domains + domain.host(v)
                        + "/basepathmappings", request("vendor", v.id()));
                c.add(false, who + " own domain", "apigateway:POST", "arn:aws:apigateway:" + withDomain.region()
                        + "::/domainnames", request("vendor", v.id()));
            }
        }
        List<String> failures = m.failures(engine.evaluate(m.cases));
        System.out.printf("single-account custom domain %s: %d cases for %d identities, all must be denied; "
                + "%d failures%n", domain.name(), m.cases.size(), m.identities, failures.size());
        assertEquals(List.of(), failures, "a vendor must not touch the core's domain or any base path mapping");
    }

    private static String apiIdOf(String vendorId) {
        return PolicyMatrix.identitiesOf(policies, vendorId).get(0).apiId();
    }

    /** The policy with every aws:ResourceTag, aws:RequestTag and aws:TagKeys condition taken out of its Allows. */
    static String withoutTagConditions(String policy) {
        try {
            JsonNode doc = JSON.readTree(policy);
            int removed = 0;
            for (JsonNode st : doc.path("Statement")) {
                if (!"Allow".equals(st.path("Effect").asText()) || !st.has("Condition")) {
                    continue;
                }
                ObjectNode condition = (ObjectNode) st.get("Condition");
                for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
                    ObjectNode keys = (ObjectNode) ops.next().getValue();
                    for (Iterator<String> k = keys.fieldNames(); k.hasNext(); ) {
                        String key = k.next();
                        if (key.startsWith("aws:ResourceTag/") || key.startsWith("aws:RequestTag/")
                                || key.equals("aws:TagKeys")) {
                            k.remove();
                            removed++;
                        }
                    }
                    if (keys.isEmpty()) {
                        ops.remove();
                    }
                }
                if (condition.isEmpty()) {
                    ((ObjectNode) st).remove("Condition");
                }
            }
            assertTrue(removed > 0, "no tag condition to remove in " + policy);
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tags a request carries when it creates or tags something: aws:RequestTag/KEY and aws:TagKeys. */
    private static Map<String, String> request(String... keyValues) {
        Map<String, String> ctx = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            ctx.put("aws:RequestTag/" + keyValues[i], keyValues[i + 1]);
            keys.add(keyValues[i]);
        }
        if (!keys.isEmpty()) {
            ctx.put("aws:TagKeys", String.join(",", keys));
        }
        return ctx;
    }

    private static Map<String, String> plus(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }

    /** The cases of every vendor's identities and function role, or only {@code onlyVendor}'s when not null. */
    private static PolicyMatrix matrix(Map<String, VendorPolicies> policies, String onlyVendor) {
        PolicyMatrix m = new PolicyMatrix();
        String region = registry.region();
        String account = registry.coreAccountId();
        for (Vendor v : registry.vendors()) {
            if (onlyVendor != null && !onlyVendor.startsWith(v.id()) ) {
                continue;
            }
            String id = v.id();
            for (VendorPolicies p : PolicyMatrix.identitiesOf(policies, id)) {
                if (!PolicyMatrix.selected(p, onlyVendor)) {
                    continue;
                }
                String principal = p.principalArn();
                m.identities++;
                String who = id + " " + p.identity();
                C c = new C(m, p, principal, id);
                String shell = p.apiArn();
                String created = ResourceArns.apiArn(region, createdApiIds.get(id));
                Map<String, String> coreShell = Map.of(VENDOR, id, "aws:ResourceTag/managed-by", "core-infra");
                Map<String, String> ownCreated = Map.of(VENDOR, id);
                String restApis = "arn:aws:apigateway:" + region + "::/restapis";

                // No vendor creates a REST API in a shared account (cloneFrom has no condition key; the regional API
                // quota is shared): not even tagged for itself.
                c.add(false, who + " create api (none in one account)", "apigateway:POST", restApis,
                        request("vendor", id));
                c.add(false, who + " create api (none in one account)", "apigateway:POST", restApis,
                        request("vendor", id, "owner-team", "Team", "integration", "lambda"));
                c.add(false, who + " create untagged api", "apigateway:POST", restApis, Map.of());
                c.add(false, who + " create untagged api", "apigateway:POST", restApis, request("owner-team", "Team"));
                c.add(false, who + " create wrongly tagged api", "apigateway:POST", restApis,
                        request("vendor", otherThan(id)));
                c.add(false, who + " create api with core tag", "apigateway:POST", restApis,
                        request("vendor", id, "managed-by", "core-infra"));
                c.add(false, who + " create api with unknown tag key", "apigateway:POST", restApis,
                        request("vendor", id, "cost-center", "x"));
                c.add(false, who + " other region", "apigateway:POST", "arn:aws:apigateway:us-east-1::/restapis",
                        request("vendor", id));
                // ...then edit, deploy, read and delete it; the core's shell: edit and deploy, never delete.
                for (Map.Entry<String, Map<String, String>> api : List.of(Map.entry(created, ownCreated),
                        Map.entry(shell, coreShell))) {
                    String arn = api.getKey();
                    Map<String, String> tags = api.getValue();
                    String kind = tags.containsKey("aws:ResourceTag/managed-by") ? " own core shell" : " own created api";
                    c.add(true, who + kind, "apigateway:GET", arn, tags);
                    c.add(true, who + kind, "apigateway:PUT", arn, tags);
                    c.add(true, who + kind, "apigateway:GET", arn + "/deployments/d1", tags);
                    for (String stage : v.stageNames()) {
                        c.add(true, who + kind, "apigateway:GET", arn + "/stages/" + stage, tags);
                        c.add(true, who + kind, "apigateway:GET", arn + "/stages/" + stage + "/exports/oas30", tags);
                        // Its own stages only; another environment's stage of the same vendor: denied.
                        boolean mine = p.stages().contains(stage);
                        c.add(mine, who + kind + (mine ? "" : " other environment's stage"), "apigateway:POST",
                                arn + "/deployments", plus(tags, Map.of("apigateway:Request/StageName", stage)));
                    }
                    String first = v.stageNames().get(0);
                    c.add(false, who + kind + " guardrail", "apigateway:POST", arn + "/deployments",
                            plus(tags, Map.of("apigateway:Request/StageName", "unregistered")));
                    c.add(false, who + kind + " guardrail", "apigateway:PATCH", arn + "/stages/" + first, tags);
                    c.add(false, who + kind + " guardrail", "apigateway:DELETE", arn + "/stages/" + first, tags);
                    c.add(false, who + kind + " guardrail", "apigateway:POST", arn + "/stages", tags);
                    c.add(false, who + kind + " guardrail", "apigateway:PATCH", arn, tags);
                    c.add(false, who + kind + " guardrail", "apigateway:UpdateRestApiPolicy", arn, tags);
                    c.add(false, who + kind + " guardrail", "apigateway:PUT", arn + "/resources/r1/methods/GET", tags);
                    c.add(false, who + kind + " guardrail", "apigateway:DELETE", arn + "/deployments/d1", tags);
                }
                c.add(false, who + " own created api guardrail", "apigateway:DELETE", created, ownCreated);
                c.add(false, who + " own core shell guardrail", "apigateway:DELETE", shell, coreShell);
                // An API with no vendor tag (the core's own, or one created before the tag rule): untouchable.
                String untaggedApi = ResourceArns.apiArn(region, "untagged01");
                for (String method : METHODS) {
                    c.add(false, who + " untagged api", "apigateway:" + method, untaggedApi, Map.of());
                }
                // Retagging anything through API Gateway's /tags is denied outright (no aws:ResourceTag there).
                String tagsOfOwn = "arn:aws:apigateway:" + region + "::/tags/" + java.net.URLEncoder.encode(created,
                        java.nio.charset.StandardCharsets.UTF_8);
                c.add(false, who + " retag own api", "apigateway:PUT", tagsOfOwn, request("vendor", otherThan(id)));
                c.add(false, who + " untag own api", "apigateway:DELETE", tagsOfOwn, Map.of("aws:TagKeys", "vendor"));
                c.add(false, who + " retag own api on import", "apigateway:PUT", created,
                        plus(ownCreated, request("vendor", otherThan(id))));

                // Its own functions: create tagged, then change, deploy (publish, alias), invoke, wire to its API.
                String fn = "arn:aws:lambda:" + region + ":" + account + ":function:" + id + "-orders";
                Map<String, String> ownFn = Map.of(VENDOR, id);
                c.add(true, who + " create own function", "lambda:CreateFunction", fn, request("vendor", id));
                c.add(true, who + " create own function", "lambda:CreateFunction", fn, request("vendor", id,
                        "owner-team", "Team"));
                c.add(true, who + " tag own function on create", "lambda:TagResource", fn,
                        plus(request("vendor", id, "owner-team", "Team"), ownFn));
                c.add(false, who + " create untagged function", "lambda:CreateFunction", fn, Map.of());
                c.add(false, who + " create wrongly tagged function", "lambda:CreateFunction", fn,
                        request("vendor", otherThan(id)));
                c.add(false, who + " create function with core tag", "lambda:CreateFunction", fn,
                        request("vendor", id, "managed-by", "core-infra"));
                c.add(false, who + " create function outside its name prefix", "lambda:CreateFunction",
                        "arn:aws:lambda:" + region + ":" + account + ":function:orders", request("vendor", id));
                for (String action : FUNCTION_ACTIONS) {
                    c.add(true, who + " own function", action, fn, ownFn);
                }
                c.add(true, who + " own function", "lambda:UpdateAlias", fn + ":live", ownFn);
                c.add(true, who + " own function invoke-configure", "lambda:AddPermission", fn,
                        plus(ownFn, Map.of("lambda:Principal", "apigateway.amazonaws.com")));
                c.add(false, who + " own function public invoke", "lambda:AddPermission", fn,
                        plus(ownFn, Map.of("lambda:Principal", "*")));
                c.add(false, who + " own function url", "lambda:CreateFunctionUrlConfig", fn, ownFn);
                c.add(false, who + " own function shared quota", "lambda:PutFunctionConcurrency", fn, ownFn);
                c.add(false, who + " retag own function", "lambda:TagResource", fn,
                        plus(request("vendor", otherThan(id)), ownFn));
                c.add(false, who + " untag own function", "lambda:UntagResource", fn,
                        plus(Map.of("aws:TagKeys", "vendor"), ownFn));
                c.add(false, who + " tag own function as core", "lambda:TagResource", fn,
                        plus(request("vendor", id, "managed-by", "core-infra"), ownFn));
                c.add(false, who + " tag own function without restating vendor", "lambda:TagResource", fn,
                        plus(request("owner-team", "Team"), ownFn));
                // A function named with its prefix but tagged for someone else (not creatable, but must not be reachable).
                for (String action : FUNCTION_ACTIONS) {
                    c.add(false, who + " mislabelled function", action, fn, Map.of(VENDOR, otherThan(id)));
                }
                c.add(false, who + " untagged function", "lambda:UpdateFunctionCode", fn, Map.of());
                c.add(false, who + " tag untagged function as its own", "lambda:TagResource", fn,
                        request("vendor", id));
                c.add(false, who + " no tag condition", "lambda:ListFunctions", "*", Map.of());
                c.add(false, who + " no tag condition", "lambda:CreateEventSourceMapping", "*",
                        Map.of("lambda:FunctionArn", fn));
                // Layers have no tags and share the account's code storage: none in one account.
                String layer = "arn:aws:lambda:" + region + ":" + account + ":layer:" + id + "-libs";
                c.add(false, who + " own layer (none in one account)", "lambda:PublishLayerVersion", layer, Map.of());
                c.add(false, who + " own layer (none in one account)", "lambda:DeleteLayerVersion", layer + ":1",
                        Map.of());
                c.add(false, who + " share own layer", "lambda:AddLayerVersionPermission", layer + ":1", Map.of());
                // Its own function role: pass it to Lambda, nothing else.
                String ownRole = IdentityArns.functionRoleArn(account, id);
                c.add(true, who + " pass own function role", "iam:PassRole", ownRole,
                        Map.of("iam:PassedToService", "lambda.amazonaws.com"));
                c.add(false, who + " pass own function role elsewhere", "iam:PassRole", ownRole,
                        Map.of("iam:PassedToService", "ec2.amazonaws.com"));
                for (String action : List.of("iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy",
                        "iam:DeleteRolePermissionsBoundary", "iam:TagRole", "iam:UntagRole", "sts:AssumeRole")) {
                    c.add(false, who + " change own function role", action, ownRole, Map.of());
                }
                c.add(false, who + " create a role for itself", "iam:CreateRole", "arn:aws:iam::" + account
                        + ":role" + Names.functionRolePath(id) + "extra", Map.of("iam:PermissionsBoundary",
                        "arn:aws:iam::" + account + ":policy/vendors/" + Names.functionBoundaryName(id)));
                c.add(false, who + " pass core role", "iam:PassRole", "arn:aws:iam::" + account
                        + ":role/core-apigateway-cloudwatch", Map.of("iam:PassedToService", "lambda.amazonaws.com"));
                c.add(false, who + " pass own deploy role", "iam:PassRole", p.principalArn(),
                        Map.of("iam:PassedToService", "lambda.amazonaws.com"));
                // Logs: its stages' access logs, its registered API's execution logs, its functions' logs (prefix).
                c.add(true, who + " own logs", "logs:GetLogEvents", logArn(region, account,
                        Names.accessLogGroup(id, v.stageNames().get(0))) + ":log-stream:s1", Map.of());
                c.add(true, who + " own logs", "logs:FilterLogEvents", logArn(region, account,
                        Names.executionLogGroup(p.apiId(), v.stageNames().get(0))), Map.of());
                c.add(true, who + " own function logs", "logs:FilterLogEvents", logArn(region, account,
                        "/aws/lambda/" + id + "-orders"), Map.of());
                c.add(false, who + " own function logs", "logs:DeleteLogGroup", logArn(region, account,
                        "/aws/lambda/" + id + "-orders"), Map.of());

                // Every other vendor's APIs, functions, layers, roles and logs: denied.
                for (Vendor other : registry.vendors()) {
                    if (other.id().equals(id)) {
                        continue;
                    }
                    String o = other.id();
                    String label = who + " other vendor " + o;
                    VendorPolicies op = PolicyMatrix.identitiesOf(policies, o).get(0);
                    Map<String, String> theirShellTags = Map.of(VENDOR, o, "aws:ResourceTag/managed-by", "core-infra");
                    Map<String, String> theirTags = Map.of(VENDOR, o);
                    String stage = other.stageNames().get(0);
                    for (Map.Entry<String, Map<String, String>> api : List.of(
                            Map.entry(op.apiArn(), theirShellTags),
                            Map.entry(ResourceArns.apiArn(region, createdApiIds.get(o)), theirTags))) {
                        for (String method : METHODS) {
                            for (String path : List.of("", "/stages/" + stage, "/deployments", "/deployments/d1",
                                    "/resources")) {
                                c.add(false, label, "apigateway:" + method, api.getKey() + path, api.getValue());
                            }
                        }
                        c.add(false, label, "apigateway:POST", api.getKey() + "/deployments",
                                plus(api.getValue(), Map.of("apigateway:Request/StageName", stage)));
                    }
                    c.add(false, label + " create api tagged for it", "apigateway:POST", restApis, request("vendor", o));
                    String theirFn = "arn:aws:lambda:" + region + ":" + account + ":function:" + o + "-orders";
                    for (String action : FUNCTION_ACTIONS) {
                        c.add(false, label, action, theirFn, theirTags);
                    }
                    c.add(false, label, "lambda:UpdateAlias", theirFn + ":live", theirTags);
                    c.add(false, label + " invoke-configure", "lambda:AddPermission", theirFn,
                            plus(theirTags, Map.of("lambda:Principal", "apigateway.amazonaws.com")));
                    c.add(false, label + " invoke-configure", "lambda:RemovePermission", theirFn, theirTags);
                    c.add(false, label + " retag", "lambda:TagResource", theirFn, plus(request("vendor", id), theirTags));
                    c.add(false, label + " untag", "lambda:UntagResource", theirFn,
                            plus(Map.of("aws:TagKeys", "vendor"), theirTags));
                    c.add(false, label + " create function in its prefix", "lambda:CreateFunction", theirFn,
                            request("vendor", id));
                    c.add(false, label + " create function tagged for it", "lambda:CreateFunction", theirFn,
                            request("vendor", o));
                    c.add(false, label + " layer", "lambda:PublishLayerVersion", "arn:aws:lambda:" + region + ":"
                            + account + ":layer:" + o + "-libs", Map.of());
                    c.add(false, label + " layer", "lambda:GetLayerVersion", "arn:aws:lambda:" + region + ":"
                            + account + ":layer:" + o + "-libs:1", Map.of());
                    c.add(false, label + " pass role", "iam:PassRole", IdentityArns.functionRoleArn(account, o),
                            Map.of("iam:PassedToService", "lambda.amazonaws.com"));
                    c.add(false, label, "sts:AssumeRole", op.principalArn(), Map.of());
                    c.add(false, label + " logs", "logs:GetLogEvents", logArn(region, account,
                            Names.accessLogGroup(o, stage)) + ":log-stream:s1", Map.of());
                    c.add(false, label + " logs", "logs:FilterLogEvents", logArn(region, account,
                            "/aws/lambda/" + o + "-orders"), Map.of());
                }

                // Account-global API Gateway resources and escalation: denied, as in the vendor-accounts model.
                for (String method : METHODS) {
                    for (String path : GLOBAL_PATHS) {
                        c.add(false, who + " account-global", "apigateway:" + method,
                                "arn:aws:apigateway:" + region + "::" + path, Map.of());
                    }
                }
                c.add(false, who + " list every api", "apigateway:GET", restApis, Map.of());
                for (String[] control : PolicyMatrix.coreControlCalls(region, account, id, v.stageNames().get(0),
                        p.apiId())) {
                    c.add(false, who + " core control", control[0], control[1], Map.of());
                }
                String user = IdentityArns.userArn(account, id);
                String role = p.principalArn();
                for (String[] esc : List.of(new String[] {"iam:CreateAccessKey", user},
                        new String[] {"iam:AttachUserPolicy", user}, new String[] {"iam:TagUser", user},
                        new String[] {"iam:UntagUser", user}, new String[] {"iam:AttachRolePolicy", role},
                        new String[] {"iam:TagRole", role}, new String[] {"iam:UpdateAssumeRolePolicy", role},
                        new String[] {"iam:DeleteRolePermissionsBoundary", role},
                        new String[] {"sts:AssumeRole", "arn:aws:iam::" + account + ":role/core-apigateway-cloudwatch"})) {
                    c.add(false, who + " escalation", esc[0], esc[1], Map.of());
                }
            }
            // The role its functions run as: its own function logs and traces, inside its boundary.
            if (onlyVendor != null && onlyVendor.contains("/")) {
                continue;
            }
            m.identities++;
            List<String> fr = functionRoles.get(v.id());
            String fnRole = IdentityArns.functionRoleArn(account, v.id());
            String who = v.id() + " function role";
            String ownLogs = logArn(region, account, "/aws/lambda/" + v.id() + "-orders");
            m.add(true, who + " own logs", fc(fnRole, fr, "logs:CreateLogGroup", ownLogs));
            m.add(true, who + " own logs", fc(fnRole, fr, "logs:PutLogEvents", ownLogs + ":log-stream:s1"));
            m.add(true, who + " traces", fc(fnRole, fr, "xray:PutTraceSegments", "*"));
            for (Vendor other : registry.vendors()) {
                if (!other.id().equals(v.id())) {
                    m.add(false, who + " other vendor " + other.id(), fc(fnRole, fr, "logs:PutLogEvents",
                            logArn(region, account, "/aws/lambda/" + other.id() + "-orders") + ":log-stream:s1"));
                    m.add(false, who + " other vendor " + other.id(), fc(fnRole, fr, "apigateway:PUT",
                            ResourceArns.apiArn(region, apiIdOf(other.id()))));
                }
            }
            m.add(false, who + " escalation", fc(fnRole, fr, "iam:AttachRolePolicy", fnRole));
            m.add(false, who + " escalation", fc(fnRole, fr, "apigateway:PUT", ResourceArns.apiArn(region,
                    apiIdOf(v.id()))));
        }
        return m;
    }

    private static Case fc(String principal, List<String> policyAndBoundary, String action, String resource) {
        return new Case("f" + IDS.incrementAndGet(), principal, action, resource, registry.coreAccountId(),
                List.of(new NamedPolicy("function-policy", policyAndBoundary.get(0))),
                List.of(new NamedPolicy("function-boundary", policyAndBoundary.get(1))), Map.of());
    }

    private static String otherThan(String id) {
        return registry.vendors().stream().map(Vendor::id).filter(o -> !o.equals(id)).findFirst().orElseThrow();
    }


    /** Adds cases for one vendor identity; every case carries the identity's principal tag. */
    private record C(PolicyMatrix m, VendorPolicies p, String principal, String vendorId) {
        void add(boolean allowed, String label, String action, String resource, Map<String, String> ctx) {
            Map<String, String> context = new LinkedHashMap<>(ctx);
            context.put(PRINCIPAL, vendorId);
            m.add(allowed, label, Case.forVendor("s" + IDS.incrementAndGet(), p, principal, action, resource, context));
        }
    }
}
