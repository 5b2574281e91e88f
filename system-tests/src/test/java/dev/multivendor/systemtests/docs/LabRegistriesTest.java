package dev.multivendor.systemtests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multivendor.coreinfra.Registry;
import dev.multivendor.coreinfra.RegistryException;
import dev.multivendor.coreinfra.RegistryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 02 appends a vendor entry to the shipped registry. Its build steps run only with {@code -Plabs}, so the default
 * build checks here, in milliseconds, that the entry is still one the registry accepts and that the entry with
 * mistakes still fails with exactly the two problems the lab explains.
 */
class LabRegistriesTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final Path LAB = ROOT.resolve("docs/labs/02-onboard-a-third-vendor");

    @Test
    void vendorCAppendedToTheShippedRegistryIsAValidThirdVendor() throws Exception {
        Registry registry = RegistryLoader.parse(withShippedRegistry("vendor-c.yaml"), "vendors.yaml + vendor-c.yaml");
        assertEquals(List.of("vendor-a", "vendor-b", "vendor-c"),
                registry.vendors().stream().map(Registry.Vendor::id).toList());
    }

    @Test
    void theEntryWithMistakesFailsWithTheTwoProblemsTheLabExplains() throws Exception {
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryLoader.parse(withShippedRegistry("vendor-c-mistakes.yaml"), "vendors-bad.yaml"));
        assertEquals(2, e.problems().size(), String.join("\n", e.problems()));
        assertTrue(e.problems().get(0).contains("field 'accountId': write the account id in quotes"), e.getMessage());
        assertTrue(e.problems().get(1).contains("unknown integration type 'grpc'"), e.getMessage());
    }

    private static String withShippedRegistry(String entry) throws Exception {
        return Files.readString(ROOT.resolve("core-infra/vendors.yaml")) + Files.readString(LAB.resolve(entry));
    }
}
