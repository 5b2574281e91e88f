package dev.multivendor.vendora.infra;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of the core team's onboarding kit this stack needs: which API (id, region, core account) may invoke
 * vendor A's function. The kit is core-infra's {@code terraform output -json onboarding | jq '."vendor-a"'};
 * other fields in it are ignored.
 */
public record OnboardingKit(String vendorId, String region, String coreAccountId, String apiId) {

    /** The vendor this stack belongs to: a kit for another vendor's API is refused. */
    public static final String VENDOR_ID = "vendor-a";
    /** API Gateway REST API ids: ten lower-case letters and digits. */
    static final Pattern API_ID = Pattern.compile("[a-z0-9]{10}");
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /** The only callers allowed: any stage, method and path of this one API in the core account. */
    public String sourceArn() {
        return "arn:aws:execute-api:" + region + ":" + coreAccountId + ":" + apiId + "/*/*/*";
    }

    public static OnboardingKit load(Path file) throws KitException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new KitException(file + ": no such file. Save the core team's onboarding kit for vendor-a there "
                    + "(core-infra: terraform output -json onboarding | jq '.\"vendor-a\"').");
        } catch (IOException e) {
            throw new KitException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new KitException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new KitException(file + ":1: the kit must be a JSON object with vendorId, region, coreAccountId and apiId");
        }
        Map<String, Integer> lines = fieldLines(text);
        String vendorId = field(file, root, lines, "vendorId", Pattern.compile(Pattern.quote(VENDOR_ID)),
                "must be \"" + VENDOR_ID + "\": this stack deploys vendor A's function, so it takes vendor A's kit only");
        String region = field(file, root, lines, "region", REGION, "must be an AWS region such as eu-west-1");
        String account = field(file, root, lines, "coreAccountId", ACCOUNT_ID, "must be the core team's 12-digit AWS account id");
        String apiId = root.path("apiId").asText("");
        if (apiId.contains("*") || apiId.contains("?")) {
            throw new KitException(where(file, lines, "apiId") + "field apiId: \"" + apiId + "\" is a wildcard. The "
                    + "function's permission must name vendor A's own API id, or any API in the core account "
                    + "(including other vendors') could invoke it.");
        }
        field(file, root, lines, "apiId", API_ID,
                "must be the REST API id from the kit: ten lower-case letters and digits, e.g. a1b2c3d4e5");
        return new OnboardingKit(vendorId, region, account, apiId);
    }

    private static String field(Path file, JsonNode root, Map<String, Integer> lines, String name, Pattern pattern,
                                String rule) throws KitException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new KitException(file + ":1: field " + name + " is missing; it " + rule);
        }
        if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
            throw new KitException(where(file, lines, name) + "field " + name + ": " + value + " " + rule);
        }
        return value.asText();
    }

    private static String where(Path file, Map<String, Integer> lines, String name) {
        return file + ":" + lines.getOrDefault(name, 1) + ": ";
    }

    // The line of each top-level field, for error messages (the tree API does not keep locations).
    private static Map<String, Integer> fieldLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 1) {
                    lines.putIfAbsent(parser.currentName(), parser.currentLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // Already parsed once successfully; fall back to line 1 in messages.
        }
        return lines;
    }
}
