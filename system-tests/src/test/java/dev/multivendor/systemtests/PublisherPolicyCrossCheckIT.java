package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.multivendor.contracts.ApiContract;
import dev.multivendor.coreinfra.CoreSynth;
import dev.multivendor.coreinfra.IamPolicyEngine;
import dev.multivendor.coreinfra.IamPolicyEngine.Case;
import dev.multivendor.coreinfra.IamPolicyEngine.Result;
import dev.multivendor.coreinfra.Registry;
import dev.multivendor.coreinfra.RegistryLoader;
import dev.multivendor.coreinfra.SynthesizedPolicies;
import dev.multivendor.coreinfra.SynthesizedStack;
import dev.multivendor.coreinfra.VendorPolicies;
import dev.multivendor.publisher.testing.ReleaseScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ties the publisher to the core's policies: every control-plane request the publisher sends in its WireMock
 * scenarios (taken from WireMock's journal, method + path -> IAM action apigateway:METHOD on
 * arn:aws:apigateway:REGION::PATH) must be allowed for that vendor's identities by the policies core-infra
 * synthesizes, and denied when the same request is aimed at any other vendor's API. Decided by core-infra's real
 * IAM engine (@cloud-copilot/iam-simulate).
 */
class PublisherPolicyCrossCheckIT {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

    /** The stage every release scenario targets. */
    private static final String STAGE = "prod";

    private static Registry registry;
    /** Per vendor, the identity that releases its production stage (its API id names the vendor's API). */
    private static Map<String, VendorPolicies> policies;
    /** Per vendor, every identity allowed to release {@link #STAGE}: the stage's deploy role, and an IAM user. */
    private static Map<String, List<VendorPolicies>> releasers;
    private static IamPolicyEngine engine;

    /** A request the publisher sent, as IAM sees it. */
    private record Call(String vendor, String scenario, String method, String path, Map<String, String> context) {
        String action() {
            return "apigateway:" + method;
        }
    }

    @BeforeAll
    static void synthesizeTheCoreAndFindTheEngine() throws Exception {
        Path engineDir = Path.of(System.getProperty(IamPolicyEngine.DIR_PROPERTY, "../core-infra/target/policy-engine"));
        assumeTrue(Files.isDirectory(engineDir.resolve("node_modules/@cloud-copilot/iam-simulate")),
                "the IAM policy engine is not installed in " + engineDir + ": build core-infra with its tests"
                        + " (./mvnw -pl system-tests -am verify does), which needs Node.js and npm");
        engine = IamPolicyEngine.installed();
        registry = RegistryLoader.load(ROOT.resolve("core-infra/vendors.yaml"));
        Map<String, String> apiIds = new LinkedHashMap<>();
        int n = 0;
        for (Registry.Vendor v : registry.vendors()) {
            apiIds.put(v.id(), String.format(Locale.ROOT, "api%07d", ++n)); // stand-ins for the ids apply assigns
        }
        SynthesizedStack stack = CoreSynth.synthesize(registry, Path.of("target", "core-synth"));
        policies = SynthesizedPolicies.vendorPolicies(stack, apiIds);
        releasers = SynthesizedPolicies.identityPolicies(stack, apiIds).values().stream()
                .filter(identity -> identity.stages().contains(STAGE))
                .collect(Collectors.groupingBy(VendorPolicies::vendorId, LinkedHashMap::new, Collectors.toList()));
    }

    @Test
    void everyCallThePublisherMakesIsAllowedOnItsOwnApiAndDeniedOnEveryOtherVendorsApi() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (ApiContract contract : ApiContract.values()) {
            VendorPolicies own = policies.get(contract.vendorId());
            assertTrue(own != null, contract.vendorId() + " is in core-infra/vendors.yaml");
            for (ReleaseScenarios scenario : ReleaseScenarios.values()) {
                ReleaseScenarios.Run run = scenario.run(contract, own.apiId(), registry.region());
                for (LoggedRequest request : run.controlPlaneRequests()) {
                    calls.add(call(contract.vendorId(), scenario.name(), request));
                }
            }
        }
        assertEquals(new TreeSet<>(List.of("GET /restapis/ID/stages/prod", "GET /restapis/ID/stages/prod/exports/oas30",
                        "PUT /restapis/ID", "POST /restapis/ID/deployments")),
                calls.stream().map(c -> c.method() + " " + c.path().replaceFirst("^/restapis/[^/]+", "/restapis/ID"))
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                "the scenarios exercise every call of a release and its rollback");
        assertEquals(policies.keySet(), releasers.keySet(), "every vendor has an identity that releases " + STAGE);

        List<Case> cases = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        for (Call call : calls) {
            VendorPolicies own = policies.get(call.vendor());
            for (VendorPolicies identity : releasers.get(call.vendor())) {
                String principal = identity.principalArn();
                cases.add(Case.forVendor(call.scenario() + " own", identity, principal, call.action(),
                        arn(call.path()), call.context()));
                expected.add(true);
                for (VendorPolicies other : policies.values()) {
                    if (other.vendorId().equals(call.vendor())) {
                        continue;
                    }
                    String aimedElsewhere = call.path().replaceFirst("^/restapis/" + own.apiId(), "/restapis/" + other.apiId());
                    cases.add(Case.forVendor(call.scenario() + " at " + other.vendorId(), identity, principal, call.action(),
                            arn(aimedElsewhere), call.context()));
                    expected.add(false);
                }
            }
        }

        List<Result> results = engine.evaluate(cases);

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            if (r.decision() == IamPolicyEngine.Decision.Error || r.allowed() != expected.get(i)) {
                wrong.add(r.request().id() + ": " + r.request().principal() + " " + r.request().action() + " "
                        + r.request().resource() + " " + r.request().context() + " expected "
                        + (expected.get(i) ? "Allowed" : "denied") + ", got " + r.decision() + " " + r.errors());
            }
        }
        assertEquals(List.of(), wrong, cases.size() + " evaluations");
        System.out.printf(Locale.ROOT, "publisher cross-check: %d recorded calls, %d IAM evaluations (%d allowed on own"
                + " API, %d denied on other vendors' APIs)%n", calls.size(), cases.size(),
                expected.stream().filter(e -> e).count(), expected.stream().filter(e -> !e).count());
    }

    @Test
    void theCheckWouldCatchACallThePolicyDoesNotGrantSuchAsPatchingTheStage() {
        VendorPolicies own = policies.get("vendor-a");
        List<Result> results = engine.evaluate(List.of(
                Case.forVendor("rollback by UpdateStage", own, own.roleArn(), "apigateway:PATCH",
                        arn("/restapis/" + own.apiId() + "/stages/prod"), Map.of()),
                Case.forVendor("deployment without a stage name", own, own.roleArn(), "apigateway:POST",
                        arn("/restapis/" + own.apiId() + "/deployments"), Map.of())));

        assertFalse(results.get(0).allowed(), "vendors get no PATCH on stages: " + results.get(0));
        assertFalse(results.get(1).allowed(), "CreateDeployment is allowed only for the vendor's stages: " + results.get(1));
    }

    private static Call call(String vendor, String scenario, LoggedRequest request) throws Exception {
        Matcher scope = SCOPE.matcher(String.valueOf(request.getHeader("Authorization")));
        assertTrue(scope.find(), "signed request " + request.getUrl());
        assertEquals(registry.region(), scope.group(1), "signed for the core region");
        assertEquals("apigateway", scope.group(2), "signed for API Gateway");
        String method = request.getMethod().getName();
        String path = request.getUrl().contains("?") ? request.getUrl().substring(0, request.getUrl().indexOf('?'))
                : request.getUrl();
        Map<String, String> context = Map.of();
        if (method.equals("POST") && path.endsWith("/deployments")) {
            // The condition key IAM evaluates for CreateDeployment comes from the request body.
            context = Map.of("apigateway:Request/StageName", JSON.readTree(request.getBodyAsString()).path("stageName").asText());
        }
        return new Call(vendor, scenario, method, path, context);
    }

    private static String arn(String path) {
        return "arn:aws:apigateway:" + registry.region() + "::" + path;
    }
}
