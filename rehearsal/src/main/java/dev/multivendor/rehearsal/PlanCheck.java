package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a core {@code terraform plan} (as {@code terraform show -json} prints it) and sorts every change into
 * "explained by a named emulator gap" or "unexpected". The rehearsal fails on any unexpected change: after vendors
 * release, a core apply must change nothing the vendors did and find nothing of its own to restore.
 */
public final class PlanCheck {

    /**
     * One allowed difference: resources of {@code type} (any instance of {@code name}), with these actions, changing
     * no attribute outside {@code attributes} (for "create", any). Each names the emulator behaviour behind it.
     */
    public record AllowedDrift(String type, String name, Set<String> actions, Set<String> attributes, String reason,
                               String motoSource) {

        boolean covers(Change c) {
            return c.type().equals(type) && c.name().equals(name) && actions.containsAll(c.actions())
                    && (c.actions().contains("create") || attributes.containsAll(c.attributes()));
        }

        public String label() {
            return type + "." + name + "[*] " + String.join("/", actions)
                    + (attributes.isEmpty() ? "" : " " + String.join(", ", attributes));
        }
    }

    /** One resource change of the plan: its address, actions and the top-level attributes that differ. */
    public record Change(String address, String type, String name, List<String> actions, Set<String> attributes) {

        @Override
        public String toString() {
            return address + " " + String.join("/", actions) + (attributes.isEmpty() ? "" : " (" + String.join(", ",
                    attributes) + ")");
        }
    }

    public record Verdict(List<Change> explained, List<Change> unexpected, List<String> outputChanges) {

        public boolean clean() {
            return unexpected.isEmpty() && outputChanges.isEmpty();
        }
    }

    /**
     * The allow-list of the core plan after vendor releases on moto 5.2.1: what moto does differently from AWS, each
     * checked in moto's source (README: "Emulator gaps"). Nothing else may differ.
     */
    public static final List<AllowedDrift> MOTO_GAPS = List.of(
            new AllowedDrift("aws_iam_user", "user", Set.of("update"), Set.of("permissions_boundary"),
                    "moto's CreateUser ignores PermissionsBoundary and has no PutUserPermissionsBoundary, so the "
                            + "user's boundary reads back empty (the deploy role keeps its boundary)",
                    "moto/iam/responses.py:596-602 (create_user reads UserName, Path, Tags only)"),
            new AllowedDrift("aws_api_gateway_stage", "stage", Set.of("update"),
                    Set.of("access_log_settings", "tags", "tags_all", "xray_tracing_enabled"),
                    "moto's CreateDeployment with a stage name replaces the stage with a new one, dropping its "
                            + "access logging, tracing and tags; on AWS it only moves the stage's deploymentId",
                    "moto/apigateway/models.py:1325-1328 (RestAPI.create_deployment: self.stages[name] = Stage(...))"),
            new AllowedDrift("aws_api_gateway_method_settings", "throttle", Set.of("create"), Set.of(),
                    "the same replaced stage has no method settings, so the core's throttling reads back as missing",
                    "moto/apigateway/models.py:640 (Stage.__init__: method_settings = {}) via 1326"));

    private PlanCheck() {
    }

    public static Verdict check(JsonNode plan, List<AllowedDrift> allowed) {
        List<Change> explained = new ArrayList<>();
        List<Change> unexpected = new ArrayList<>();
        for (Change c : changes(plan)) {
            (allowed.stream().anyMatch(a -> a.covers(c)) ? explained : unexpected).add(c);
        }
        List<String> outputs = new ArrayList<>();
        plan.path("output_changes").fields().forEachRemaining(e -> {
            List<String> actions = texts(e.getValue().path("actions"));
            if (!actions.equals(List.of("no-op"))) {
                outputs.add("output " + e.getKey() + " " + String.join("/", actions));
            }
        });
        return new Verdict(explained, unexpected, outputs);
    }

    /** Every resource change that is not a no-op or a data source read. */
    public static List<Change> changes(JsonNode plan) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode rc : plan.path("resource_changes")) {
            List<String> actions = texts(rc.path("change").path("actions"));
            if (actions.equals(List.of("no-op")) || actions.equals(List.of("read"))
                    || "data".equals(rc.path("mode").asText())) {
                continue;
            }
            changes.add(new Change(rc.path("address").asText(), rc.path("type").asText(), rc.path("name").asText(),
                    actions, changedAttributes(rc.path("change"))));
        }
        return changes;
    }

    static Set<String> changedAttributes(JsonNode change) {
        Set<String> names = new TreeSet<>();
        JsonNode before = change.path("before");
        JsonNode after = change.path("after");
        Set<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            if (!before.path(k).equals(after.path(k))) {
                names.add(k);
            }
        }
        // Values only known after apply count as changed (e.g. a recomputed ARN).
        for (Iterator<String> it = change.path("after_unknown").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (change.path("after_unknown").path(k).asBoolean(false)) {
                names.add(k);
            }
        }
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    public static String describe(Verdict v) {
        StringBuilder sb = new StringBuilder();
        if (v.clean()) {
            sb.append(v.explained().isEmpty() ? "no change" : "no change apart from " + v.explained().size()
                    + " allow-listed emulator gap(s)");
        } else {
            sb.append(v.unexpected().size() + v.outputChanges().size()).append(" unexpected change(s): ")
                    .append(v.unexpected().stream().map(Change::toString).collect(Collectors.joining("; ")));
            if (!v.outputChanges().isEmpty()) {
                sb.append(v.unexpected().isEmpty() ? "" : "; ").append(String.join("; ", v.outputChanges()));
            }
        }
        v.explained().forEach(c -> sb.append("\n  allowed: ").append(c));
        return sb.toString();
    }
}
