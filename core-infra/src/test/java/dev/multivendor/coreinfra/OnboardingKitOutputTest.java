package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.contracts.kit.KitProblem;
import dev.multivendor.contracts.kit.OnboardingKitSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer's side of the onboarding kit contract: every vendor's kit in the synthesized {@code onboarding} output,
 * with each Terraform reference replaced by what apply assigns (API ids, invoke URLs, ARNs, names), is valid against
 * shared-contracts' schema {@code onboarding-kit/v1}, for every registry the module ships or tests. A rename on either
 * side fails here.
 */
class OnboardingKitOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Terraform reference such as ${aws_iam_role.deploy_role["vendor-a/dev"].arn}, its quotes JSON-escaped. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9_]+)\\.([a-z0-9_]+)\\[\\\\\"([^\"\\\\]+)"
            + "\\\\\"\\]\\.([a-z_]+)\\}");

    /** What apply puts where the synthesized kit holds a reference, shaped like the real values. */
    private static String applied(Registry registry, String type, String name, String key, String attribute) {
        String account = registry.coreAccountId();
        String region = registry.region();
        String vendor = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
        String apiId = String.format("%010x", Math.abs((long) vendor.hashCode()) % 0xffffffffffL);
        String rest = key.contains("/") ? key.substring(key.indexOf('/') + 1) : "";
        return switch (type + "." + name + "." + attribute) {
            case "aws_api_gateway_rest_api.api.id" -> apiId;
            case "aws_api_gateway_rest_api.api.name" -> Names.apiName(vendor);
            case "aws_api_gateway_stage.stage.invoke_url" -> "https://" + apiId + ".execute-api." + region
                    + ".amazonaws.com/" + rest;
            case "aws_cloudwatch_log_group.access_logs.name" -> Names.accessLogGroup(vendor, rest);
            case "aws_cloudwatch_log_group.execution_logs.name" -> Names.executionLogGroup(apiId, rest);
            case "aws_iam_role.deploy_role.arn" -> IdentityArns.roleArn(account, vendor, rest);
            case "aws_iam_role.function_role.arn" -> IdentityArns.functionRoleArn(account, vendor);
            case "aws_iam_user.user.name" -> Names.userName(vendor);
            case "aws_api_gateway_domain_name.custom_domain.domain_name" -> registry.customDomain().orElseThrow()
                    .host(registry.vendors().stream().filter(v -> v.id().equals(vendor)).findFirst().orElseThrow());
            default -> throw new AssertionError("the kit references " + type + "." + name + "." + attribute
                    + ", which this test does not know how apply fills in");
        };
    }

    private static String resolve(Registry registry, String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(applied(registry, m.group(1), m.group(2),
                    m.group(3), m.group(4))));
        }
        m.appendTail(b);
        assertFalse(b.toString().contains("${"), "an unresolved reference is left: " + b);
        return b.toString();
    }

    private static List<String> problems(String name, Registry registry) throws Exception {
        JsonNode output = Synths.synth(name, registry).json().path("output").path("onboarding").path("value");
        assertEquals(new java.util.TreeSet<>(registry.vendors().stream().map(Registry.Vendor::id).toList()),
                new java.util.TreeSet<>(names(output)), "one kit per vendor");
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = output.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> kit = it.next();
            String text = resolve(registry, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kit.getValue()));
            for (KitProblem p : OnboardingKitSchema.v1().problems(name + "/" + kit.getKey(), text)) {
                problems.add(p.toString());
            }
        }
        return problems;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyKitOfTheShippedRegistryIsValidAgainstTheSchema() throws Exception {
        assertEquals(List.of(), problems("shipped", Synths.shipped()));
    }

    @Test
    void everyKitIsValidForEveryIdentityKindInBothAccountModelsAndWithACustomDomain() throws Exception {
        assertEquals(List.of(), problems("five-vendors", Synths.parse(Synths.resource("registries/five-vendors.yaml"),
                "five-vendors.yaml")));
        assertEquals(List.of(), problems("single-account", Synths.parse(Synths.resource(
                "registries/single-account.yaml"), "single-account.yaml")));
        assertEquals(List.of(), problems("custom-domain", Synths.customDomain()));
        assertEquals(List.of(), problems("single-account-custom-domain", Synths.singleAccountCustomDomain()));
    }

    @Test
    void aKitMissingARequiredFieldIsCaught() throws Exception {
        JsonNode kit = Synths.synth("shipped", Synths.shipped()).json().path("output").path("onboarding").path("value")
                .path("vendor-a").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) kit).remove("apiId");
        ((com.fasterxml.jackson.databind.node.ObjectNode) kit).put("deployRoleArn", "arn:aws:iam::1:role/x");
        List<KitProblem> problems = OnboardingKitSchema.v1().problems("renamed", resolve(Synths.shipped(),
                JSON.writeValueAsString(kit)));
        assertTrue(problems.size() >= 2, "a removed and an unknown field are both reported: " + problems);
    }
}
