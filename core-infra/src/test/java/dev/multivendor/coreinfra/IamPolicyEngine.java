package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates IAM requests with the real policy engine {@code @cloud-copilot/iam-simulate} (AGPL-3.0), run as a
 * separate Node process from src/test/policy-engine (installed by the build with {@code npm ci} into
 * target/policy-engine). One process per JVM evaluates every batch, on worker threads. Published in core-infra's test-jar so
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

    /**
     * Evaluates the cases; results come back in the same order. Every batch of a JVM goes to one long-lived engine
     * process (one line of JSON each way), which spreads the cases over worker threads; see simulate.js.
     */
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
            c.resourcePolicy().ifPresent(p -> n.set("resourcePolicy", policies(List.of(p)).get(0)));
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
        JsonNode results;
        try {
            results = EngineProcess.of(dir).call(JSON.writeValueAsString(input)).path("results");
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the policy engine (is node on the PATH?) in " + dir, e);
        }
        if (results.size() != cases.size()) {
            throw new IllegalStateException("the policy engine answered " + results.size() + " results for "
                    + cases.size() + " cases");
        }
        List<Result> parsed = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode r = results.get(i);
            parsed.add(new Result(cases.get(i), Decision.valueOf(r.path("decision").asText()),
                    r.path("engine").asText(), r.has("errors") ? r.get("errors").toString() : ""));
        }
        return parsed;
    }

    /** One engine process per directory and JVM, started on first use; it ends when the JVM closes its stdin. */
    private static final class EngineProcess {
        private static final Map<Path, EngineProcess> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

        private final Process process;
        private final java.io.Writer in;
        private final java.io.BufferedReader out;

        private EngineProcess(Path dir) throws IOException {
            process = new ProcessBuilder("node", "simulate.js").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
        }

        static EngineProcess of(Path dir) {
            return RUNNING.computeIfAbsent(dir, d -> {
                try {
                    return new EngineProcess(d);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot start the policy engine (is node on the PATH?) in "
                            + d, e);
                }
            });
        }

        /** Sends one batch (a single line of JSON) and reads its answer line. */
        synchronized JsonNode call(String batch) throws IOException {
            if (!process.isAlive()) {
                throw new IllegalStateException("policy engine exited (exit " + process.exitValue() + ")");
            }
            in.write(batch); // Jackson escapes newlines inside strings: one batch is one line
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("policy engine ended without an answer");
            }
            return JSON.readTree(line);
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
                       Map<String, String> context, Optional<NamedPolicy> resourcePolicy) {

        /** A request governed by identity policies and boundaries only (no resource policy). */
        public Case(String id, String principal, String action, String resource, String accountId,
                    List<NamedPolicy> identityPolicies, List<NamedPolicy> permissionBoundaries,
                    Map<String, String> context) {
            this(id, principal, action, resource, accountId, identityPolicies, permissionBoundaries, context,
                    Optional.empty());
        }

        /** A request decided by a resource policy alone, e.g. a role's trust policy for sts:AssumeRole*. */
        public static Case againstResourcePolicy(String id, String principal, String action, String resource,
                                                 String accountId, NamedPolicy resourcePolicy,
                                                 Map<String, String> context) {
            return new Case(id, principal, action, resource, accountId, List.of(), List.of(), context,
                    Optional.of(resourcePolicy));
        }

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
