package dev.multivendor.coreinfra;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthesized Terraform of the shipped registry, the single-account example and the custom-domain registry, byte
 * for byte against committed copies in {@code src/test/resources/golden/}: a refactoring must not change what is
 * applied. After an intended change, regenerate them with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenOutputTest {

    private static final Path GOLDEN = Synths.moduleDir().resolve("src/test/resources/golden");

    private static void compare(String name, Registry registry) throws Exception {
        String actual = Synths.read(Synths.synth(name, registry).stackFile());
        Path file = GOLDEN.resolve(name + ".cdk.tf.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertTrue(Files.exists(file), "no golden copy " + file + ": run with -Dgolden.update=true");
        assertEquals(Synths.read(file), actual, name + ": the synthesized stack differs from " + file);
    }

    @Test
    void theShippedRegistrySynthesizesExactlyTheGoldenCopy() throws Exception {
        compare("shipped", Synths.shipped());
    }

    @Test
    void theSingleAccountExampleAndTheCustomDomainSynthesizeExactlyTheirGoldenCopies() throws Exception {
        compare("single-account-example", Synths.parse(Synths.read(Synths.moduleDir()
                .resolve("examples/vendors-single-account.yaml")), "vendors-single-account.yaml"));
        compare("custom-domain", Synths.customDomain());
    }
}
