package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One vendor API as the core account's control plane shows it: the API, its definition (resources, methods,
 * integrations), its deployments and its stages, as canonical JSON (keys sorted, lists in a fixed order), so two
 * snapshots are compared byte for byte. {@link #differences} names what changed.
 */
public record ApiSnapshot(String apiId, byte[] canonicalJson) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    public static ApiSnapshot take(ApiGatewayClient client, String apiId) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("restApi", toJson(client.getRestApi(b -> b.restApiId(apiId))));
        List<Resource> resources = new ArrayList<>(client.getResources(b -> b.restApiId(apiId).embed("methods")
                .limit(500)).items());
        resources.sort(Comparator.comparing(Resource::path, Comparator.nullsFirst(Comparator.naturalOrder())));
        root.set("resources", toJson(resources));
        List<Deployment> deployments = new ArrayList<>(client.getDeployments(b -> b.restApiId(apiId).limit(500)).items());
        deployments.sort(Comparator.comparing(Deployment::id));
        root.set("deployments", toJson(deployments));
        List<Stage> stages = new ArrayList<>(client.getStages(b -> b.restApiId(apiId)).item());
        stages.sort(Comparator.comparing(Stage::stageName));
        root.set("stages", toJson(stages));
        return of(apiId, root);
    }

    public static ApiSnapshot of(String apiId, JsonNode tree) {
        try {
            // Through a map so that ORDER_MAP_ENTRIES_BY_KEYS sorts every object's keys.
            Object plain = JSON.treeToValue(tree, Object.class);
            return new ApiSnapshot(apiId, JSON.writeValueAsBytes(plain));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree() {
        try {
            return JSON.readTree(canonicalJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalJson));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean sameBytes(ApiSnapshot other) {
        return java.util.Arrays.equals(canonicalJson, other.canonicalJson);
    }

    public int deploymentCount() {
        return tree().path("deployments").size();
    }

    /** JSON pointers of every value that differs between this snapshot and {@code after} (empty: identical). */
    public List<String> differences(ApiSnapshot after) {
        List<String> out = new ArrayList<>();
        diff("", tree(), after.tree(), out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.TreeSet<String> keys = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path + "/" + k, a.get(k), b.get(k), out);
            }
        } else if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "/" + i, a.get(i), b.get(i), out);
            }
        } else {
            out.add(path + ": " + abbreviate(a) + " -> " + abbreviate(b));
        }
    }

    private static String abbreviate(JsonNode n) {
        if (n == null) {
            return "(absent)";
        }
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    public String text() {
        return new String(canonicalJson, StandardCharsets.UTF_8);
    }

    /** An AWS SDK v2 model object as JSON, by its declared members (the SDK's own field list, not reflection). */
    static JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode node = f.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object v = field.getValueOrDefault(pojo);
                if (v != null && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?> l && l.isEmpty())
                        && !(v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?> m && m.isEmpty())) {
                    node.set(field.memberName(), toJson(v));
                }
            }
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                node.set(String.valueOf(e.getKey()), toJson(e.getValue()));
            }
            return node;
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Instant t) {
            return f.textNode(t.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return f.textNode(bytes.asUtf8String());
        }
        return f.textNode(String.valueOf(value));
    }
}
