package dev.multivendor.contracts.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The onboarding kit's JSON Schema (version {@value #VERSION}, JSON Schema 2020-12) and the checks it cannot
 * express (every stage's deploying identity exists and may deploy it; every stage an identity lists exists).
 *
 * <p>Validation collects every problem, each naming the source, the line, the field as a JSON pointer and what is
 * wrong with what is expected; it never stops at the first.
 */
public final class OnboardingKitSchema {

    public static final int VERSION = 1;
    /** Classpath location of the schema. */
    public static final String RESOURCE = "onboarding-kit/v1/onboarding-kit.schema.json";
    /** Classpath location of a complete, valid example kit. */
    public static final String EXAMPLE_RESOURCE = "onboarding-kit/v1/example.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode MISSING = MissingNode.getInstance();
    private static volatile OnboardingKitSchema v1;

    private final String schemaText;
    private final JsonNode schemaNode;
    private final Schema schema;

    private OnboardingKitSchema(String schemaText) {
        this.schemaText = schemaText;
        try {
            this.schemaNode = JSON.readTree(schemaText);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(RESOURCE + " is not valid JSON", e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ENGLISH)
                .build();
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)).getSchema(schemaNode);
    }

    /** The version 1 schema, read once from the classpath. */
    public static OnboardingKitSchema v1() {
        OnboardingKitSchema loaded = v1;
        if (loaded == null) {
            synchronized (OnboardingKitSchema.class) {
                loaded = v1;
                if (loaded == null) {
                    loaded = new OnboardingKitSchema(resource(RESOURCE));
                    v1 = loaded;
                }
            }
        }
        return loaded;
    }

    /** The schema document itself, e.g. to hand to another validator or to publish. */
    public String schemaText() {
        return schemaText;
    }

    /** The example kit shipped with the schema. */
    public static String exampleText() {
        return resource(EXAMPLE_RESOURCE);
    }

    /** Every problem of {@code text} as a kit; empty when it is a valid kit. {@code source} names it in messages. */
    public List<KitProblem> problems(String source, String text) {
        JsonNode kit;
        try {
            kit = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            return List.of(new KitProblem(source, line, "", "not valid JSON (" + e.getOriginalMessage() + ")"));
        }
        if (kit == null || kit.isMissingNode()) {
            return List.of(new KitProblem(source, 1, "", "is empty; expected a JSON object (see "
                    + EXAMPLE_RESOURCE + " in shared-contracts)"));
        }
        JsonLines lines = JsonLines.of(text);
        List<KitProblem> problems = new ArrayList<>();
        for (Error error : schema.validate(kit)) {
            String pointer = pointer(error);
            problems.add(new KitProblem(source, lines.lineOf(pointer), pointer, describe(error)));
        }
        if (problems.isEmpty()) {
            crossFieldProblems(source, kit, lines, problems);
        }
        problems.sort(Comparator.comparingInt(KitProblem::line).thenComparing(KitProblem::pointer));
        return problems;
    }

    /** The kit as a JSON tree when valid; otherwise an exception listing every problem. */
    public JsonNode validate(String source, String text) throws InvalidKitException {
        List<KitProblem> problems = problems(source, text);
        if (!problems.isEmpty()) {
            throw new InvalidKitException(problems);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parsed before", e);
        }
    }

    /** The field the error is about: for a missing or unknown property the property itself, not its parent. */
    private static String pointer(Error error) {
        String pointer = toPointer(error.getInstanceLocation());
        String property = error.getProperty();
        if (property != null && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword()))) {
            pointer = pointer + "/" + JsonLines.escape(property);
        }
        return pointer;
    }

    private static String toPointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(JsonLines.escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    /**
     * The validator's message plus what the field is, from the schema's own description of it (the schema
     * explains each field once; error messages reuse that text rather than repeat it).
     */
    private String describe(Error error) {
        String message = error.getMessage();
        String keyword = error.getKeyword();
        if ("additionalProperties".equals(keyword) || "false".equals(keyword)) {
            return "is not a field of onboarding kit v" + VERSION + " here (misspelt, renamed, or for another "
                    + "identity kind or account model?)";
        }
        if ("required".equals(keyword)) {
            return "is missing; it is required" + description(error.getEvaluationPath(), error.getProperty());
        }
        return message + description(error.getEvaluationPath(), null);
    }

    // The description of the field the failed keyword is about: walks the keyword's evaluation path through the
    // schema (following each $ref) and keeps the last description on the way, so a field that refers to a shared
    // definition (e.g. invokeUrl -> httpsUrl) is described by its own text when the definition has none.
    private String description(NodePath evaluationPath, String property) {
        JsonNode node = schemaNode;
        JsonNode text = node.path("description");
        List<JsonNode> visited = new ArrayList<>(List.of(node));
        for (int i = 0; i < evaluationPath.getNameCount() - 1; i++) {
            String segment = String.valueOf(evaluationPath.getElement(i));
            node = "$ref".equals(segment) ? resolve(node) : node.path(segment);
            visited.add(node);
            if (node.path("description").isTextual()) {
                text = node.path("description");
            }
        }
        if (property != null) {
            // A conditional "required" (if/then) sits beside the properties it names: look outwards for them.
            text = MISSING;
            for (int i = visited.size() - 1; i >= 0 && !text.isTextual(); i--) {
                JsonNode field = visited.get(i).path("properties").path(property);
                text = field.path("description").isTextual() ? field.path("description")
                        : resolve(field).path("description");
            }
        }
        return text.isTextual() ? " (" + text.asText() + ")" : "";
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? schemaNode.at(ref.substring(1)) : node;
    }

    private static void crossFieldProblems(String source, JsonNode kit, JsonLines lines, List<KitProblem> problems) {
        JsonNode stages = kit.path("stages");
        JsonNode identities = kit.path("identities");
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stage = it.next();
            String name = stage.getValue().path("identity").asText();
            String pointer = "/stages/" + JsonLines.escape(stage.getKey()) + "/identity";
            JsonNode identity = identities.get(name);
            if (identity == null) {
                problems.add(new KitProblem(source, lines.lineOf(pointer), pointer, "names identity \"" + name
                        + "\", which is not in identities (" + names(identities) + ")"));
            } else if (!contains(identity.path("stages"), stage.getKey())) {
                problems.add(new KitProblem(source, lines.lineOf(pointer), pointer, "names identity \"" + name
                        + "\", whose stages do not include \"" + stage.getKey() + "\""));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = identities.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> identity = it.next();
            JsonNode listed = identity.getValue().path("stages");
            for (int i = 0; i < listed.size(); i++) {
                if (!stages.has(listed.get(i).asText())) {
                    String pointer = "/identities/" + JsonLines.escape(identity.getKey()) + "/stages/" + i;
                    problems.add(new KitProblem(source, lines.lineOf(pointer), pointer, "stage \""
                            + listed.get(i).asText() + "\" is not in stages (" + names(stages) + ")"));
                }
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String resource(String name) {
        try (InputStream in = OnboardingKitSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (shared-contracts jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
