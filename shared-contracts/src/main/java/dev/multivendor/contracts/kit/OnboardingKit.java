package dev.multivendor.contracts.kit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An onboarding kit that passed {@link OnboardingKitSchema} validation, with typed accessors for its fields
 * (the schema, {@code onboarding-kit/v1/onboarding-kit.schema.json}, documents each one).
 *
 * <p>Consumers read kits through {@link #load(Path)} or {@link #parse(String, String)} and add their own checks
 * (e.g. "this kit is for vendor-a") with {@link #problem(String, String)}, which names the file and line.
 */
public final class OnboardingKit {

    /** One stage of the vendor's API. */
    public record Stage(String name, String invokeUrl, Optional<String> customDomainUrl, String accessLogGroup,
                        String executionLogGroup, double rateLimit, int burstLimit, String identity) {
    }

    /** One identity that may deploy some stages; {@code signIn} holds the kind's sign-in fields as JSON. */
    public record Identity(String name, String kind, List<String> stages, Optional<String> roleArn,
                           Optional<String> userName, JsonNode signIn) {
    }

    private final String source;
    private final JsonNode json;
    private final JsonLines lines;

    private OnboardingKit(String source, JsonNode json, JsonLines lines) {
        this.source = source;
        this.json = json;
        this.lines = lines;
    }

    /** Reads and validates the kit in {@code file}; the exception names the file, line and field of each problem. */
    public static OnboardingKit load(Path file) throws InvalidKitException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidKitException(new KitProblem(file.toString(), 1, "", "no such file. Save the core "
                    + "team's onboarding kit there (core-infra: terraform output -json onboarding | jq "
                    + "'.\"<vendor id>\"')"));
        } catch (IOException e) {
            throw new InvalidKitException(new KitProblem(file.toString(), 1, "", "cannot be read ("
                    + e.getMessage() + ")"));
        }
        return parse(file.toString(), text);
    }

    /** Validates {@code text} as a kit; {@code source} names it in messages (a file name, "stdin", ...). */
    public static OnboardingKit parse(String source, String text) throws InvalidKitException {
        JsonNode json = OnboardingKitSchema.v1().validate(source, text);
        return new OnboardingKit(source, json, JsonLines.of(text));
    }

    /** A problem at {@code pointer} (e.g. {@code /vendorId}) of this kit, with its file and line, for own checks. */
    public KitProblem problem(String pointer, String message) {
        return new KitProblem(source, lines.lineOf(pointer), pointer, message);
    }

    public String source() {
        return source;
    }

    /** The whole kit as JSON, e.g. to pass on unchanged. */
    public JsonNode json() {
        return json;
    }

    public int kitVersion() {
        return json.get("kitVersion").asInt();
    }

    public String vendorId() {
        return text("vendorId");
    }

    public String region() {
        return text("region");
    }

    public String coreAccountId() {
        return text("coreAccountId");
    }

    public String apiId() {
        return text("apiId");
    }

    public String apiName() {
        return text("apiName");
    }

    /** "lambda" or "http". */
    public String integration() {
        return text("integration");
    }

    /** "vendor-accounts" or "single-account". */
    public String accountModel() {
        return text("accountModel");
    }

    public Optional<String> functionRoleArn() {
        return optional(json, "functionRoleArn");
    }

    public Optional<String> namePrefix() {
        return optional(json, "namePrefix");
    }

    /** The shared names ({@code vendorTagKey}, {@code rolePath}, ...), in file order. */
    public Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        json.get("names").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(names);
    }

    public String vendorTagKey() {
        return json.get("names").get("vendorTagKey").asText();
    }

    public String rolePath() {
        return json.get("names").get("rolePath").asText();
    }

    /** The stages in file order. */
    public Map<String, Stage> stages() {
        Map<String, Stage> stages = new LinkedHashMap<>();
        json.get("stages").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            stages.put(e.getKey(), new Stage(e.getKey(), s.get("invokeUrl").asText(), optional(s, "customDomainUrl"),
                    s.get("accessLogGroup").asText(), s.get("executionLogGroup").asText(),
                    s.get("rateLimit").asDouble(), s.get("burstLimit").asInt(), s.get("identity").asText()));
        });
        return Collections.unmodifiableMap(stages);
    }

    /** The stage called {@code name}; the exception names the stages the kit has. */
    public Stage stage(String name) throws InvalidKitException {
        Stage stage = stages().get(name);
        if (stage == null) {
            throw new InvalidKitException(problem("/stages", "has no stage \"" + name + "\"; the kit's stages are "
                    + String.join(", ", stages().keySet())));
        }
        return stage;
    }

    /** The identities in file order. */
    public Map<String, Identity> identities() {
        Map<String, Identity> identities = new LinkedHashMap<>();
        json.get("identities").fields().forEachRemaining(e -> {
            JsonNode i = e.getValue();
            List<String> stages = new ArrayList<>();
            i.get("stages").forEach(s -> stages.add(s.asText()));
            identities.put(e.getKey(), new Identity(e.getKey(), i.get("kind").asText(), List.copyOf(stages),
                    optional(i, "roleArn"), optional(i, "userName"), i.get("signIn")));
        });
        return Collections.unmodifiableMap(identities);
    }

    private String text(String field) {
        return json.get(field).asText();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    @Override
    public String toString() {
        return "onboarding kit v" + kitVersion() + " of " + vendorId() + " (" + source + ")";
    }
}
