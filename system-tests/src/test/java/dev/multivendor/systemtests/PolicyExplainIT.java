package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.CoreSynth;
import dev.multivendor.coreinfra.IamPolicyEngine;
import dev.multivendor.coreinfra.IamPolicyEngine.Decision;
import dev.multivendor.coreinfra.RegistryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workshop's explain command (lab 04) against the core stack synthesized from core-infra/vendors.yaml, with
 * core-infra's IAM policy engine: it names the deciding statements, and it shows the two layers the lab is about
 * (a widened deploy policy stays inside the boundary; widening both lets one vendor reach another's API).
 */
class PolicyExplainIT {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IamPolicyEngine engine;
    private static Path stack;

    @BeforeAll
    static void synthesizeTheShippedRegistry() throws Exception {
        Path engineDir = Path.of(System.getProperty(IamPolicyEngine.DIR_PROPERTY, "../core-infra/target/policy-engine"));
        assumeTrue(Files.isDirectory(engineDir.resolve("node_modules/@cloud-copilot/iam-simulate")),
                "the IAM policy engine is not installed in " + engineDir + ": build core-infra with its tests"
                        + " (./mvnw -pl system-tests -am verify does), which needs Node.js and npm");
        engine = IamPolicyEngine.installed();
        stack = CoreSynth.synthesize(RegistryLoader.load(ROOT.resolve("core-infra/vendors.yaml")),
                Path.of("target", "explain-synth")).stackFile();
    }

    @Test
    void aVendorsImportIsAllowedOnItsOwnApiByTheStatementsThatSayWhy() {
        PolicyExplain.Explanation e = PolicyExplain.explain(engine, stack, "vendor-a/prod", "PUT /restapis/vendor-a");

        assertEquals(Decision.Allowed, e.decision());
        assertTrue(has(e, "  allowed   by deploy policy vendor-a-deploy", ", statement ImportOwnApiDefinition"), e.lines().toString());
        assertTrue(has(e, "  within    boundary vendor-a-boundary", ", statement OwnApiOnly"), e.lines().toString());
    }

    @Test
    void theSameCallOnAnotherVendorsApiIsDeniedByBothLayers() {
        PolicyExplain.Explanation e = PolicyExplain.explain(engine, stack, "vendor-a/user", "PUT /restapis/vendor-b");

        assertEquals(Decision.ImplicitlyDenied, e.decision());
        assertTrue(has(e, "  policy    deploy policy vendor-a-deploy", ": no statement allows it"), e.lines().toString());
        assertTrue(has(e, "  boundary  boundary vendor-a-boundary", ": no statement allows it"), e.lines().toString());
    }

    @Test
    void anExplicitDenyIsNamedAndAConditionKeyCanBeTyped() {
        PolicyExplain.Explanation patch = PolicyExplain.explain(engine, stack, "vendor-b/prod", "PATCH /restapis/vendor-b/stages/prod");
        PolicyExplain.Explanation prod = PolicyExplain.explain(engine, stack, "vendor-b/prod",
                "POST /restapis/vendor-b/deployments apigateway:Request/StageName=prod");
        PolicyExplain.Explanation test = PolicyExplain.explain(engine, stack, "vendor-b/prod",
                "POST /restapis/vendor-b/deployments apigateway:Request/StageName=test");

        assertEquals(Decision.ExplicitlyDenied, patch.decision());
        assertTrue(patch.lines().stream().anyMatch(l -> l.contains("statement DenyApiShellAndStageChanges (Deny)")), patch.lines().toString());
        assertEquals(Decision.Allowed, prod.decision(), prod.lines().toString());
        // Denied either way: by the deploy policy's stage condition alone, or (one role per environment) by an
        // explicit deny in both layers.
        assertTrue(!test.decision().equals(Decision.Allowed) && test.decision() != Decision.Error, test.lines().toString());
    }

    @Test
    void aWidenedDeployPolicyStaysInsideTheBoundaryAndWideningBothReachesAnotherVendor() throws Exception {
        Path deployWidened = widened(List.of("deploy_policy"), "deploy-widened");
        Path bothWidened = widened(List.of("deploy_policy", "boundary"), "both-widened");

        PolicyExplain.Explanation held = PolicyExplain.explain(engine, deployWidened, "vendor-a/prod", "PUT /restapis/vendor-b");
        PolicyExplain.Explanation through = PolicyExplain.explain(engine, bothWidened, "vendor-a/prod", "PUT /restapis/vendor-b");

        assertEquals(Decision.ImplicitlyDenied, held.decision(), held.lines().toString());
        assertTrue(has(held, "  boundary  boundary vendor-a-boundary", ": no statement allows it: the boundary holds"),
                held.lines().toString());
        assertEquals(Decision.Allowed, through.decision(), through.lines().toString());
    }

    @Test
    void aMistypedIdentityOrCallIsAnsweredWithWhatToType() {
        IllegalArgumentException vendor = assertThrows(IllegalArgumentException.class,
                () -> PolicyExplain.explain(engine, stack, "vendor-z", "PUT /restapis/vendor-a"));
        IllegalArgumentException call = assertThrows(IllegalArgumentException.class,
                () -> PolicyExplain.explain(engine, stack, "vendor-a/prod", "PUT"));
        IllegalArgumentException function = assertThrows(IllegalArgumentException.class,
                () -> PolicyExplain.explain(engine, stack, "vendor-a/function", "PUT /restapis/vendor-a"));

        assertTrue(vendor.getMessage().contains("vendors: vendor-a, vendor-b"), vendor.getMessage());
        assertTrue(call.getMessage().contains("\"<METHOD> <path>\""), call.getMessage());
        assertTrue(function.getMessage().contains("single-account"), function.getMessage());
    }

    @Test
    void showPrintsThePolicyPrettyPrintedOneStatementABlock() {
        List<String> lines = PolicyExplain.show(stack, "vendor-a/prod", "boundary");

        assertTrue(lines.get(0).contains("boundary") && lines.get(0).contains("(API ids stand in as vendor ids):"), lines.get(0));
        assertTrue(lines.contains("    \"Sid\" : \"OwnApiOnly\","), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("arn:aws:apigateway:eu-west-1::/restapis/vendor-a/*")), lines.toString());
    }

    private static boolean has(PolicyExplain.Explanation e, String start, String end) {
        return e.lines().stream().anyMatch(l -> l.startsWith(start) && l.endsWith(end));
    }

    /** A copy of the synthesized stack with every vendor's given policies widened from its own API to every API. */
    private static Path widened(List<String> keys, String name) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(stack.toFile());
        // One policy pair per vendor, or (one identity per CI environment) one per identity, named policy/boundary.
        boolean perIdentity = doc.path("locals").has("vendor_identities");
        ObjectNode holders = (ObjectNode) doc.path("locals").path(perIdentity ? "vendor_identities" : "vendors");
        holders.properties().forEach(v -> keys.forEach(k -> {
            String key = perIdentity && k.equals("deploy_policy") ? "policy" : k;
            String text = v.getValue().path(key).asText();
            String wide = text.replace("/restapis/__API_ID__\"", "/restapis/*\"").replace("/restapis/__API_ID__/*", "/restapis/*/*");
            assertTrue(!wide.equals(text), "widening changed " + key);
            ((ObjectNode) v.getValue()).put(key, wide);
        }));
        Path file = Path.of("target", "explain-synth", name + ".tf.json");
        JSON.writeValue(file.toFile(), doc);
        return file;
    }
}
