package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates IAM requests with the real policy engine {@code @cloud-copilot/iam-simulate} (AGPL-3.0), run as a
 * separate Node process from src/test/policy-engine (installed by the build with {@code npm ci} into
 * target/policy-engine). One process evaluates a whole batch. Published in core-infra's test-jar so
 * system-tests can reuse it; its directory is the system property {@value #DIR_PROPERTY}, else the first of
 * {@code target/policy-engine} and {@code ../core-infra/target/policy-engine} that holds an installed engine.
 */
public final class IamPolicyEngine {

    public static final String DIR_PROPERTY = "policyEngine.dir";
    /** Context keys that hold a list; a case gives them comma-separated ("vendor,owner-team"). */
    public static final java.util.Set<String> MULTI_VALUED_KEYS = java.util.Set.of("aws:TagKeys");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private IamPolicyEngine(Path dir) {
        this.dir = dir;
    }

    /** The engine as installed by the build; fails with a fix-it message when it is not installed. */
    public static IamPolicyEngine installed() {
        String configured = System.getProperty(DIR_PROPERTY);
        List<Path> candidates = configured != null && !configured.isBlank() ? List.of(Path.of(configured))
                : List.of(Path.of("target", "policy-engine"), Path.of("..", "core-infra", "target", "policy-engine"));
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("node_modules").resolve("@cloud-copilot").resolve("iam-simulate"))) {
                return new IamPolicyEngine(c.toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("the IAM policy engine is not installed in any of " + candidates
                + ": build core-infra first (./mvnw -pl core-infra -am verify runs npm ci), or set -D"
                + DIR_PROPERTY + "=<dir with node_modules>");
    }

    public Path directory() {
        return dir;
    }

    /** Evaluates every case in one Node process; results come back in the same order. */
    public List<Result> evaluate(List<Case> cases) {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode list = input.putArray("cases");
        for (Case c : cases) {
            ObjectNode n = list.addObject();
            n.put("id", c.id());
            n.put("principal", c.principal());
            n.put("action", c.action());
            n.put("resource", c.resource());
            n.put("accountId", c.accountId());
            n.set("identityPolicies", policies(c.identityPolicies()));
            n.set("permissionBoundaries", policies(c.permissionBoundaries()));
            ObjectNode ctx = n.putObject("context");
            c.context().forEach((key, value) -> {
                if (MULTI_VALUED_KEYS.contains(key)) {
                    ArrayNode values = ctx.putArray(key);
                    for (String v : value.split(",")) {
                        values.add(v);
                    }
                } else {
                    ctx.put(key, value);
                }
            });
        }
        try {
            Process p = new ProcessBuilder("node", "simulate.js").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = p.getOutputStream()) {
                JSON.writeValue(in, input);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("policy engine failed (exit " + p.exitValue() + ") in " + dir);
            }
            JsonNode results = JSON.readTree(new String(out, StandardCharsets.UTF_8)).path("results");
            List<Result> parsed = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                JsonNode r = results.get(i);
                parsed.add(new Result(cases.get(i), Decision.valueOf(r.path("decision").asText()),
                        r.path("engine").asText(), r.has("errors") ? r.get("errors").toString() : ""));
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the policy engine (is node on the PATH?) in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode policies(List<NamedPolicy> policies) {
        ArrayNode a = JSON.createArrayNode();
        for (NamedPolicy p : policies) {
            ObjectNode n = a.addObject();
            n.put("name", p.name());
            try {
                n.set("policy", JSON.readTree(p.json()));
            } catch (IOException e) {
                throw new IllegalArgumentException("policy " + p.name() + " is not JSON: " + p.json(), e);
            }
        }
        return a;
    }

    public enum Decision { Allowed, ExplicitlyDenied, ImplicitlyDenied, Error }

    /** An IAM policy document as JSON text, with a name for reports. */
    public record NamedPolicy(String name, String json) {
    }

    /** One request: who, which action on which ARN, under which policies, with which context keys. */
    public record Case(String id, String principal, String action, String resource, String accountId,
                       List<NamedPolicy> identityPolicies, List<NamedPolicy> permissionBoundaries,
                       Map<String, String> context) {
        /** The case for a vendor identity governed by its synthesized deploy policy and boundary. */
        public static Case forVendor(String id, VendorPolicies v, String principal, String action, String resource,
                                     Map<String, String> context) {
            return new Case(id, principal, action, resource, v.coreAccountId(),
                    List.of(new NamedPolicy(v.vendorId() + "-deploy", v.deployPolicyJson())),
                    List.of(new NamedPolicy(v.vendorId() + "-boundary", v.boundaryJson())), context);
        }
    }

    /** The engine's answer; {@code engine} is "validated" (runSimulation) or "unsafe" (runUnsafeSimulation). */
    public record Result(Case request, Decision decision, String engine, String errors) {
        public boolean allowed() {
            return decision == Decision.Allowed;
        }
    }
}
