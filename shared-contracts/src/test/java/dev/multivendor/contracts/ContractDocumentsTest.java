package dev.multivendor.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ContractDocumentsTest {

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyContractParsesWithoutErrorsOrWarnings(ApiContract contract) {
        SwaggerParseResult result = Contracts.parse(contract.yaml());

        assertNotNull(result.getOpenAPI(), contract + " did not parse: " + result.getMessages());
        assertEquals(List.of(), result.getMessages(), contract + " parser messages");
    }

    @Test
    void theConventionsDocumentParsesWithoutErrorsOrWarnings() {
        SwaggerParseResult result = Contracts.parse(ApiContract.readResource(ApiContract.CONVENTIONS_RESOURCE));

        assertEquals(List.of(), result.getMessages());
    }

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyContractNamesItsVendorAndASemanticVersionOfItsMajor(ApiContract contract) {
        OpenAPI api = Contracts.parseStrictly(contract.yaml(), contract.name());

        assertEquals(contract.vendorId(), api.getInfo().getExtensions().get("x-vendor"), "info.x-vendor");
        Contracts.SemVer version = Contracts.SemVer.parse(api.getInfo().getVersion());
        assertEquals(contract.majorVersion(), version.major(), "info.version major must match the folder v"
                + contract.majorVersion());
    }

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyPathStartsWithTheMajorVersion(ApiContract contract) {
        OpenAPI api = Contracts.parseStrictly(contract.yaml(), contract.name());

        api.getPaths().keySet().forEach(path -> assertTrue(path.startsWith("/v" + contract.majorVersion() + "/"),
                contract + ": path " + path + " must start with /v" + contract.majorVersion() + "/"));
    }

    @Test
    void contractsAreFoundByKeyOrName() {
        assertEquals(ApiContract.FEEDBACK_V1, ApiContract.find("feedback-api/v1").orElseThrow());
        assertEquals(ApiContract.SUPPORT_TICKETS_V1, ApiContract.find("support_tickets_v1").orElseThrow());
        assertTrue(ApiContract.find("feedback-api/v9").isEmpty());
    }
}
