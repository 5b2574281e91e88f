package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two account models side by side: the shipped registry synthesized as it is (vendor-accounts) and with
 * {@code accountModel: single-account} (the same vendors without account ids), and every difference between the two
 * Terraform documents listed. The list is written to {@code target/account-models.diff.txt}.
 */
class AccountModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped registry turned into the single-account model: one line added, the account ids removed. */
    static String shippedAsSingleAccount() {
        String yaml = Synths.read(Synths.moduleDir().resolve("vendors.yaml"));
        String single = yaml.replaceFirst("(?m)^(coreAccountId: .*)$", "$1\naccountModel: single-account")
                .replaceAll("(?m)^ +accountId: .*\\R", "");
        assertFalse(single.equals(yaml), "the shipped registry changed shape");
        return single;
    }

    private static SynthesizedStack vendorAccounts() {
        return Synths.synth("shipped", Synths.shipped());
    }

    private static SynthesizedStack singleAccount() {
        return Synths.synth("shipped-single-account", Synths.parse(shippedAsSingleAccount(), "vendors.yaml"));
    }

    @Test
    void theSameRegistryInBothModelsDiffersOnlyInTheVendorPoliciesAndTheFunctionRoles() throws IOException {
        List<String> differences = differences(vendorAccounts().json(), singleAccount().json());
        Path report = Synths.moduleDir().resolve("target").resolve("account-models.diff.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, String.join("\n", differences) + "\n");
        System.out.println("vendor-accounts -> single-account, " + differences.size() + " differences (also in "
                + Synths.moduleDir().relativize(report) + "):");
        differences.forEach(d -> System.out.println("  " + d));

        Set<String> paths = new TreeSet<>();
        differences.forEach(d -> paths.add((d.contains(":") ? d.substring(0, d.indexOf(':')) : d)
                .replaceAll("vendor_identities\\.vendor-[ab]/[a-z-]+\\.", "vendor_identities.<identity>.")
                .replaceAll("onboarding\\.value\\.vendor-[ab]\\.", "onboarding.value.<vendor>.")));
        assertEquals(new TreeSet<>(List.of(
                "+ locals.vendors.<vendor>.function_boundary",
                "+ locals.vendors.<vendor>.function_boundary_name",
                "+ locals.vendors.<vendor>.function_policy",
                "+ locals.vendors.<vendor>.function_policy_name",
                "+ locals.vendors.<vendor>.function_role_name",
                "+ locals.vendors.<vendor>.function_role_path",
                "+ locals.vendors.<vendor>.function_trust",
                "+ resource.aws_iam_policy.function_boundary",
                "+ resource.aws_iam_policy.function_policy",
                "+ resource.aws_iam_role.function_role",
                "+ resource.aws_iam_role_policy_attachment.function_role_policy",
                "+ output.onboarding.value.<vendor>.functionRoleArn",
                "+ output.onboarding.value.<vendor>.namePrefix",
                "~ locals.vendor_identities.<identity>.boundary",
                "~ locals.vendor_identities.<identity>.policy",
                "~ output.onboarding.value.<vendor>.accountModel")), paths,
                "APIs, stages, throttling, logs, identities and their trust are the same in both models");
        String deploy = differences.stream().filter(d -> d.startsWith("~ locals.vendor_identities.vendor-a/prod.policy"))
                .findFirst().orElseThrow();
        assertTrue(deploy.contains("-ImportOwnApiDefinition") && deploy.contains("+ImportOwnTaggedApiDefinitions")
                && deploy.contains("+CreateFunctionsTaggedForOwnVendor") && deploy.contains("+PassOwnFunctionRolesToLambda"),
                "API-id grants become tag-conditioned grants: " + deploy);
    }

    @Test
    void singleAccountCreatesOneFunctionRolePerVendorUnderItsOwnPathAndBoundary() {
        JsonNode stack = singleAccount().json();
        JsonNode role = stack.path("resource").path("aws_iam_role").path("function_role");
        assertEquals("${local.vendors}", role.path("for_each").asText());
        assertEquals("${each.value.function_role_path}", role.path("path").asText());
        assertEquals("${aws_iam_policy.function_boundary[each.key].arn}", role.path("permissions_boundary").asText());
        JsonNode a = stack.path("locals").path("vendors").path("vendor-a");
        assertEquals("/vendors/vendor-a/", a.path("function_role_path").asText());
        assertEquals("vendor-a-lambda", a.path("function_role_name").asText());
        assertTrue(a.path("function_trust").asText().contains("\"Service\":\"lambda.amazonaws.com\""),
                a.path("function_trust").asText());
        // Terraform reads every JSON string as a template: IAM policy variables must reach IAM as ${...}.
        String policy = stack.path("locals").path("vendor_identities").path("vendor-a/prod").path("policy").asText();
        assertTrue(policy.contains("\"$${aws:PrincipalTag/vendor}\""),
                "policy variables are escaped for Terraform: " + policy);
        assertFalse(policy.replace("$${", "").contains("${"));
        assertEquals("${aws_iam_role.function_role[\"vendor-a\"].arn}", stack.path("output").path("onboarding")
                .path("value").path("vendor-a").path("functionRoleArn").asText());
    }

    @Test
    void vendorIdentitiesCarryTheirVendorTagAndCannotReplaceItWithSessionTags() {
        JsonNode stack = singleAccount().json();
        for (String resource : List.of("aws_iam_role.deploy_role", "aws_iam_user.user")) {
            String[] r = resource.split("\\.");
            assertEquals("${each.value.tags}", stack.path("resource").path(r[0]).path(r[1]).path("tags").asText(),
                    resource + " carries the vendor's tags");
        }
        for (String id : List.of("vendor-a", "vendor-b")) {
            JsonNode v = stack.path("locals").path("vendors").path(id);
            assertEquals(id, v.path("tags").path(Names.VENDOR_TAG).asText(), "principal tag vendor of " + id);
            // Session tags override principal tags: the trust policy must never allow sts:TagSession.
            assertFalse(v.path("trust").asText().contains("TagSession"), v.path("trust").asText());
        }
        JsonNode defaultTags = stack.path("provider").path("aws").get(0).path("default_tags").get(0).path("tags");
        assertEquals(Names.CORE_MANAGED_VALUE, defaultTags.path(Names.CORE_MANAGED_TAG).asText(),
                "the core's resources are recognisable by managed-by=core-infra");
    }

    @Test
    void theSummaryNamesTheModelAndEachVendorsTagPrefixAndFunctionRole() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Main.printSummary(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8),
                singleAccount(), 1.0);
        String summary = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(summary.contains("accountModel single-account, everything in account 111111111111"), summary);
        assertTrue(summary.contains("tag vendor=vendor-b  functions/layers vendor-b-*  function role "
                + "vendors/vendor-b/vendor-b-lambda"), summary);
        java.io.ByteArrayOutputStream va = new java.io.ByteArrayOutputStream();
        Main.printSummary(new java.io.PrintStream(va, true, java.nio.charset.StandardCharsets.UTF_8),
                vendorAccounts(), 1.0);
        String vendorAccounts = va.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(vendorAccounts.contains("(eu-west-1, core account 111111111111)"), vendorAccounts);
        assertFalse(vendorAccounts.contains("function role"), vendorAccounts);
    }

    /**
     * Every difference from {@code a} to {@code b}: "+ path" only in b, "- path" only in a, "~ path" changed; vendor
     * ids under locals.vendors become "&lt;vendor&gt;"; for IAM policy documents the statement ids that differ.
     */
    static List<String> differences(JsonNode a, JsonNode b) {
        Set<String> out = new LinkedHashSet<>();
        walk("", a, b, out);
        return new ArrayList<>(out);
    }

    private static void walk(String path, JsonNode a, JsonNode b, Set<String> out) {
        if (a == null || a.isMissingNode()) {
            out.add("+ " + path);
            return;
        }
        if (b == null || b.isMissingNode()) {
            out.add("- " + path);
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = path.equals("locals.vendors") || path.equals("locals.vendor_users") ? "<vendor>" : key;
                walk(path.isEmpty() ? child : path + "." + child, a.get(key), b.get(key), out);
            }
            return;
        }
        if (a.equals(b)) {
            return;
        }
        if (a.isTextual() && b.isTextual() && a.asText().startsWith("{\"Version\"") && b.asText().startsWith("{\"Version\"")) {
            List<String> sa = sids(a.asText());
            List<String> sb = sids(b.asText());
            List<String> changes = new ArrayList<>();
            sa.stream().filter(s -> !sb.contains(s)).forEach(s -> changes.add("-" + s));
            sb.stream().filter(s -> !sa.contains(s)).forEach(s -> changes.add("+" + s));
            out.add("~ " + path + ": statements " + String.join(" ", changes));
            return;
        }
        out.add("~ " + path);
    }

    private static List<String> sids(String policy) {
        try {
            List<String> sids = new ArrayList<>();
            for (Iterator<JsonNode> it = JSON.readTree(policy).path("Statement").elements(); it.hasNext(); ) {
                sids.add(it.next().path("Sid").asText());
            }
            return sids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
