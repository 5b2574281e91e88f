package dev.multivendor.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.IamPolicyEngine;
import dev.multivendor.coreinfra.IamPolicyEngine.Case;
import dev.multivendor.coreinfra.IamPolicyEngine.Decision;
import dev.multivendor.coreinfra.IamPolicyEngine.NamedPolicy;
import dev.multivendor.coreinfra.IamPolicyEngine.Result;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workshop's "explain" command: for one vendor identity and one call a participant types, is the call allowed
 * by the policies core-infra synthesized, and which statement decides? Evaluated by core-infra's test-time IAM
 * policy engine (the one the isolation matrices use), reading the synthesized stack
 * ({@code core-infra/cdktf.out/stacks/core/cdk.tf.json} unless {@code -Dstack=...}).
 *
 * <p>The engine is asked once for the whole request (identity policy plus permissions boundary) and once for each
 * statement alone; IAM matches statements independently, so the statements that match alone are exactly the ones
 * that decide: a matching Deny denies; otherwise the request needs a matching Allow in the identity policy and one
 * in the boundary. The per-statement answers are checked against the engine's overall decision.
 *
 * <p>Identities: {@code vendor-a/prod} (the deploy role of an environment; {@code vendor-a} where the vendor has one deploy role), {@code vendor-a/user} (its IAM user), {@code vendor-a/function}
 * (single-account model: the role its functions run as). Calls: {@code METHOD /path} for API Gateway's control plane
 * (the action {@code apigateway:METHOD} on {@code arn:aws:apigateway:REGION::/path}), or {@code service:Action ARN};
 * then any {@code key=value} condition keys. API ids are not known before {@code terraform apply}: each vendor's API
 * id stands in as the vendor's id, so {@code /restapis/vendor-b} is vendor B's API.
 */
public final class PolicyExplain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_ID_PLACEHOLDER = "__API_ID__";

    /** A statement of one of the identity's policies, evaluated alone. */
    private record Statement(String layer, String policy, String sid, String effect, String json) {
    }

    /** The identity a participant named, with the two policies that govern it. */
    private record Who(String vendor, String label, String principal, String policyName, String policy,
                       String boundaryName, String boundary) {
    }

    /** What the command decided, for tests and for printing. */
    public record Explanation(String identity, String principal, String action, String resource,
                              Map<String, String> context, Decision decision, List<String> lines) {
    }

    private PolicyExplain() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        String as = System.getProperty("as", args.length > 0 ? args[0] : "");
        String call = System.getProperty("call", args.length > 1 ? String.join(" ", List.of(args).subList(1, args.length)) : "");
        Path stack = root.resolve(System.getProperty("stack", "core-infra/cdktf.out/stacks/core/cdk.tf.json"));
        try {
            String show = System.getProperty("show");
            if (show != null) {
                show(stack, as, show).forEach(System.out::println);
                return;
            }
            Explanation e = explain(IamPolicyEngine.installed(), stack, as, call);
            e.lines().forEach(System.out::println);
        } catch (IllegalArgumentException | IllegalStateException e) {
            PrintStream err = System.err;
            err.println("explain: " + e.getMessage());
            err.println("usage: ./mvnw -q -pl system-tests test-compile exec:java@explain -DskipTests"
                    + " -Das=vendor-a/prod -Dcall=\"PUT /restapis/vendor-b\"  [-Dstack=path/to/cdk.tf.json]");
            err.println("       ... -Das=vendor-a/prod -Dshow=policy|boundary  prints the identity's policy, one statement a block");
            System.exit(2);
        }
    }

    /** Explains one call of one identity with the policies in the synthesized stack file. */
    public static Explanation explain(IamPolicyEngine engine, Path stackFile, String identity, String call) {
        if (identity == null || identity.isBlank() || call == null || call.isBlank()) {
            throw new IllegalArgumentException("say who calls and what: -Das=<vendor>[/user|/function] -Dcall=\"<METHOD> <path>\" or \"<service:Action> <arn>\"");
        }
        JsonNode stack = readStack(stackFile);
        JsonNode provider = stack.path("provider").path("aws").path(0);
        String region = provider.path("region").asText();
        String account = provider.path("allowed_account_ids").path(0).asText();
        JsonNode vendors = stack.path("locals").path("vendors");
        Who w = who(stack, stackFile, identity);
        String vendor = w.vendor();
        boolean singleAccount = vendors.path(vendor).has("function_policy");
        String principal = w.principal();
        String who = w.label();
        String policyName = w.policyName();
        String boundaryName = w.boundaryName();
        String policy = w.policy();
        String boundary = w.boundary();

        // The request as IAM sees it.
        List<String> words = List.of(call.strip().split("\\s+"));
        if (words.size() < 2) {
            throw new IllegalArgumentException("a call is \"<METHOD> <path>\" (\"PUT /restapis/vendor-b\") or"
                    + " \"<service:Action> <arn>\", then any key=value condition keys; got \"" + call + "\"");
        }
        String action;
        String resource;
        if (words.get(0).contains(":")) {
            action = words.get(0);
            resource = words.get(1);
        } else {
            if (!words.get(1).startsWith("/")) {
                throw new IllegalArgumentException("an API Gateway call's path starts with / (\"" + words.get(1) + "\")");
            }
            action = "apigateway:" + words.get(0).toUpperCase(Locale.ROOT);
            resource = "arn:aws:apigateway:" + region + "::" + words.get(1);
        }
        Map<String, String> context = new LinkedHashMap<>();
        if (singleAccount) {
            // The core tags every vendor identity with its vendor; the ABAC conditions compare against it.
            context.put("aws:PrincipalTag/vendor", vendor);
        }
        for (String word : words.subList(2, words.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("condition keys are key=value (apigateway:Request/StageName=prod); got \"" + word + "\"");
            }
            context.put(word.substring(0, eq), word.substring(eq + 1));
        }

        List<Statement> statements = new ArrayList<>();
        statements.addAll(statements("policy", policyName, policy));
        statements.addAll(statements("boundary", boundaryName, boundary));
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("whole request", principal, action, resource, account,
                List.of(new NamedPolicy(policyName, policy)), List.of(new NamedPolicy(boundaryName, boundary)), context));
        for (Statement s : statements) {
            cases.add(new Case(s.layer() + " " + s.sid(), principal, action, resource, account,
                    List.of(new NamedPolicy(s.policy() + " " + s.sid(), s.json())), List.of(), context));
        }
        List<Result> results = engine.evaluate(cases);

        Decision overall = results.get(0).decision();
        List<Statement> denies = new ArrayList<>();
        List<Statement> policyAllows = new ArrayList<>();
        List<Statement> boundaryAllows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            Result r = results.get(i + 1);
            if (r.decision() == Decision.Error) {
                errors.add(s.policy() + " " + s.sid() + ": " + r.errors());
            } else if (r.decision() == Decision.ExplicitlyDenied) {
                denies.add(s);
            } else if (r.allowed()) {
                (s.layer().equals("policy") ? policyAllows : boundaryAllows).add(s);
            }
        }

        List<String> out = new ArrayList<>();
        out.add("explain: " + who + " (" + principal + ")");
        out.add("  call      " + action + " on " + resource + describeApi(resource, vendors));
        if (!context.isEmpty()) {
            out.add("  context   " + context);
        }
        switch (overall) {
            case Allowed -> {
                out.add("  decision  ALLOWED");
                policyAllows.forEach(s -> out.add("  allowed   by " + s.policy() + ", statement " + s.sid()));
                boundaryAllows.forEach(s -> out.add("  within    " + s.policy() + ", statement " + s.sid()));
            }
            case ExplicitlyDenied -> {
                out.add("  decision  DENIED explicitly");
                denies.forEach(s -> out.add("  denied    by " + s.policy() + ", statement " + s.sid() + " (Deny)"));
            }
            case ImplicitlyDenied -> {
                out.add("  decision  DENIED (no statement allows it)");
                out.add(policyAllows.isEmpty() ? "  policy    " + policyName + ": no statement allows it"
                        : "  policy    " + policyName + " allows it (statement " + sids(policyAllows) + ")");
                out.add(boundaryAllows.isEmpty() ? "  boundary  " + boundaryName + ": no statement allows it"
                        + (policyAllows.isEmpty() ? "" : ": the boundary holds")
                        : "  boundary  " + boundaryName + " allows it (statement " + sids(boundaryAllows) + ")");
            }
            case Error -> out.add("  decision  ERROR: the engine could not evaluate it: " + results.get(0).errors());
        }
        errors.forEach(e -> out.add("  error     " + e));
        Decision derived = !denies.isEmpty() ? Decision.ExplicitlyDenied
                : !policyAllows.isEmpty() && !boundaryAllows.isEmpty() ? Decision.Allowed : Decision.ImplicitlyDenied;
        if (overall != Decision.Error && derived != overall) {
            out.add("  warning   the statements alone suggest " + derived + ", the engine decided " + overall);
        }
        return new Explanation(identity, principal, action, resource, context, overall, out);
    }

    /** The identity's synthesized policy or boundary, pretty-printed, with its name first. */
    public static List<String> show(Path stackFile, String identity, String which) {
        if (!which.equals("policy") && !which.equals("boundary")) {
            throw new IllegalArgumentException("-Dshow is policy or boundary, not \"" + which + "\"");
        }
        Who w = who(readStack(stackFile), stackFile, identity);
        boolean policy = which.equals("policy");
        try {
            List<String> out = new ArrayList<>();
            out.add((policy ? w.policyName() : w.boundaryName()) + " of " + w.label() + " (API ids stand in as vendor ids):");
            JsonNode doc = JSON.readTree(policy ? w.policy() : w.boundary());
            out.addAll(List.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc).split("\\R")));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(which + " of " + identity + " is not JSON", e);
        }
    }

    /**
     * Resolves {@code vendor}, {@code vendor/ENV} (a deploy role), {@code vendor/user} or {@code vendor/function} in
     * either stack layout: one deploy role per vendor ({@code locals.vendors.<id>.deploy_policy}) or one identity per
     * CI environment ({@code locals.vendor_identities}, {@code vendor_roles}, {@code vendor_users}).
     */
    private static Who who(JsonNode stack, Path stackFile, String identity) {
        JsonNode locals = stack.path("locals");
        JsonNode vendors = locals.path("vendors");
        String account = stack.path("provider").path("aws").path(0).path("allowed_account_ids").path(0).asText();
        String vendor = identity.contains("/") ? identity.substring(0, identity.indexOf('/')) : identity;
        String kind = identity.contains("/") ? identity.substring(identity.indexOf('/') + 1) : "";
        JsonNode v = vendors.path(vendor);
        if (v.isMissingNode()) {
            throw new IllegalArgumentException("no vendor " + vendor + " in " + stackFile + "; vendors: " + names(vendors));
        }
        String iam = "arn:aws:iam::" + account + ":";
        if (kind.equals("function")) {
            if (!v.has("function_policy")) {
                throw new IllegalArgumentException(vendor + "/function exists only in the single-account model;"
                        + " in the vendor-accounts model the function runs in the vendor's own account");
            }
            return new Who(vendor, vendor + "'s function role", iam + "role" + v.path("function_role_path").asText("/")
                    + v.path("function_role_name").asText(),
                    "function policy " + v.path("function_policy_name").asText(vendor + "-function"),
                    policyText(v, "function_policy", vendor, stackFile),
                    "function boundary " + v.path("function_boundary_name").asText(vendor + "-function-boundary"),
                    policyText(v, "function_boundary", vendor, stackFile));
        }
        JsonNode user = locals.path("vendor_users").path(vendor);
        if (kind.equals("user") && user.isMissingNode()) {
            throw new IllegalArgumentException(vendor + " has no IAM user in " + stackFile);
        }
        String userArn = iam + "user/vendors/" + user.path("user_name").asText();
        JsonNode identities = locals.path("vendor_identities");
        if (identities.isMissingNode()) {
            // One deploy role (and optionally one user) per vendor, sharing one policy and one boundary.
            String policy = policyText(v, "deploy_policy", vendor, stackFile);
            String boundary = policyText(v, "boundary", vendor, stackFile);
            boolean isUser = kind.equals("user");
            return new Who(vendor, vendor + (isUser ? "'s IAM user" : "'s deploy role"),
                    isUser ? userArn : iam + "role/vendors/" + v.path("role_name").asText(),
                    "deploy policy " + v.path("deploy_policy_name").asText(vendor + "-deploy"), policy,
                    "boundary " + v.path("boundary_name").asText(vendor + "-boundary"), boundary);
        }
        // One identity per CI environment: vendor/dev, vendor/prod, or vendor/user.
        List<String> choices = new ArrayList<>();
        identities.fieldNames().forEachRemaining(k -> {
            if (k.startsWith(vendor + "/") && locals.path("vendor_roles").has(k)) {
                choices.add(k);
            }
        });
        String key;
        String label;
        String principal;
        if (kind.equals("user")) {
            key = user.path("identity").asText();
            label = vendor + "'s IAM user";
            principal = userArn;
        } else {
            key = kind.isEmpty() && choices.size() == 1 ? choices.get(0) : vendor + "/" + kind;
            JsonNode role = locals.path("vendor_roles").path(key);
            if (role.isMissingNode()) {
                if (user.has("user_name")) {
                    choices.add(vendor + "/user");
                }
                throw new IllegalArgumentException((kind.isEmpty() ? vendor + " has one deploy role per environment"
                        : "no identity " + identity) + ": use " + String.join(", ", choices));
            }
            label = vendor + "'s deploy role for " + key.substring(vendor.length() + 1);
            principal = iam + "role/vendors/" + role.path("role_name").asText();
        }
        JsonNode i = identities.path(key);
        return new Who(vendor, label, principal, "deploy policy " + i.path("policy_name").asText(key),
                policyText(i, "policy", vendor, stackFile), "boundary " + i.path("boundary_name").asText(key),
                policyText(i, "boundary", vendor, stackFile));
    }

    private static JsonNode readStack(Path stackFile) {
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalArgumentException("no synthesized core stack at " + stackFile
                    + ": synthesize it first (./mvnw -q -pl core-infra compile exec:java)");
        }
        try {
            return JSON.readTree(stackFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + stackFile + ": " + e.getMessage(), e);
        }
    }

    /** The synthesized policy with Terraform's escapes undone and the vendor's id standing in for its API id. */
    private static String policyText(JsonNode vendor, String key, String vendorId, Path stackFile) {
        String text = vendor.path(key).asText();
        if (text.isEmpty()) {
            throw new IllegalStateException("no " + key + " for " + vendorId + " in " + stackFile);
        }
        return text.replace("$${", "${").replace("%%{", "%{").replace(API_ID_PLACEHOLDER, vendorId);
    }

    private static List<Statement> statements(String layer, String policyName, String policyJson) {
        List<Statement> list = new ArrayList<>();
        try {
            JsonNode doc = JSON.readTree(policyJson);
            JsonNode all = doc.path("Statement");
            int n = 0;
            for (JsonNode s : all.isArray() ? all : JSON.createArrayNode().add(all)) {
                n++;
                ObjectNode single = JSON.createObjectNode();
                single.put("Version", doc.path("Version").asText("2012-10-17"));
                ArrayNode one = single.putArray("Statement");
                one.add(s);
                String sid = s.path("Sid").asText("#" + n);
                list.add(new Statement(layer, policyName, sid, s.path("Effect").asText(), JSON.writeValueAsString(single)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(policyName + " is not JSON", e);
        }
        return list;
    }

    private static String describeApi(String resource, JsonNode vendors) {
        int at = resource.indexOf("::/restapis/");
        if (at < 0) {
            return "";
        }
        String id = resource.substring(at + "::/restapis/".length()).split("/")[0];
        return vendors.has(id) ? " (" + id + "'s API)" : id.equals("*") ? "" : " (no vendor's API)";
    }

    private static String sids(List<Statement> statements) {
        return String.join(", ", statements.stream().map(Statement::sid).toList());
    }

    private static String names(JsonNode vendors) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = vendors.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return String.join(", ", names);
    }
}
