package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multivendor.contracts.kit.OnboardingKit;
import dev.multivendor.contracts.kit.OnboardingKitSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Vendor B's Terraform reads the core's onboarding kit with {@code jsondecode}, which knows no schema: this test ties
 * the HCL to the kit's JSON Schema (onboarding-kit v1, shared-contracts), so that a field the schema renames or drops
 * fails here instead of in vendor B's next plan, and the example kit the README and InfraTerraformIT use is a valid
 * kit.
 */
class InfraKitTest {

    private static final Path INFRA = Path.of("infra");
    /** {@code local.kit.a.b} and {@code jsondecode(file(var.kit_file)).a.b}: the kit fields the stack reads. */
    private static final Pattern KIT_FIELD =
            Pattern.compile("(?:local\\.kit|jsondecode\\(file\\(var\\.kit_file\\)\\))((?:\\.[A-Za-z][A-Za-z0-9_]*)+)");

    @Test
    void theExampleKitIsAValidVersionOneKitForVendorB() throws Exception {
        OnboardingKit kit = OnboardingKit.load(INFRA.resolve("examples/onboarding-kit.vendor-b.json"));
        assertEquals(OnboardingKitSchema.VERSION, kit.kitVersion());
        assertEquals("vendor-b", kit.vendorId());
        assertEquals("http", kit.integration());
    }

    @Test
    void everyKitFieldTheStackReadsIsDefinedByTheSchema() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(OnboardingKitSchema.v1().schemaText());
        List<String> read = new ArrayList<>();
        List<String> undefined = new ArrayList<>();
        for (Path tf : terraformFiles()) {
            Matcher m = KIT_FIELD.matcher(Files.readString(tf));
            while (m.find()) {
                String path = m.group(1).substring(1);
                read.add(path);
                if (!defined(schema, path.split("\\."))) {
                    undefined.add(tf + ": kit field " + path);
                }
            }
        }
        assertFalse(read.isEmpty(), "found no kit field in " + INFRA.toAbsolutePath() + ": the pattern no longer matches the HCL");
        assertTrue(new TreeSet<>(read).containsAll(List.of("apiId", "region", "vendorId", "names.vendorTagKey")),
                "the stack reads " + new TreeSet<>(read));
        assertTrue(undefined.isEmpty(), "the stack reads kit fields onboarding-kit v1 does not define:\n"
                + String.join("\n", undefined));
    }

    /** Whether the schema defines the property path through {@code properties} (maps end the walk). */
    private static boolean defined(JsonNode schema, String[] path) {
        JsonNode node = schema;
        for (String name : path) {
            JsonNode properties = node.path("properties");
            if (!properties.has(name)) {
                return false;
            }
            node = properties.get(name);
            if (!node.has("properties")) {
                // A map (stages, identities) or a leaf: what follows is a key the kit chooses.
                return true;
            }
        }
        return true;
    }

    private static List<Path> terraformFiles() throws IOException {
        try (Stream<Path> files = Files.list(INFRA)) {
            return files.filter(f -> f.toString().endsWith(".tf")).sorted().toList();
        }
    }
}
