package dev.multivendor.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The compatibility gate: a contract may only change compatibly within its major version, judged by openapi-diff
 * against the last released version in {@code src/released/<api>/<version>.yaml}.
 */
class BackwardCompatibilityTest {

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void everyContractIsBackwardCompatibleWithItsLastRelease(ApiContract contract) {
        Path released = Contracts.latestRelease(contract).orElseThrow(() -> new AssertionError(
                contract + " has no released version under " + Contracts.RELEASED.resolve(contract.apiName())));

        ChangedOpenApi diff = OpenApiCompare.fromContents(Contracts.read(released), contract.yaml());

        assertFalse(diff.isIncompatible(), contract + " breaks clients of " + released.getFileName()
                + ". Make the change compatible, or publish it as a new major version (new folder and /v2 paths):\n"
                + render(diff));
    }

    @ParameterizedTest
    @EnumSource(ApiContract.class)
    void aChangedContractCarriesAHigherVersionThanItsLastRelease(ApiContract contract) {
        Path released = Contracts.latestRelease(contract).orElseThrow();
        String releasedYaml = Contracts.read(released);
        ChangedOpenApi diff = OpenApiCompare.fromContents(releasedYaml, contract.yaml());
        if (diff.isUnchanged()) {
            return;
        }
        Contracts.SemVer current = Contracts.SemVer.parse(
                Contracts.parseStrictly(contract.yaml(), contract.name()).getInfo().getVersion());
        Contracts.SemVer last = Contracts.SemVer.parse(
                Contracts.parseStrictly(releasedYaml, released.toString()).getInfo().getVersion());
        assertTrue(current.compareTo(last) > 0, contract + " changed since " + last + " but info.version is still "
                + current + ": bump the minor (or patch) version");
    }

    @Test
    void removingAnOperationIsCaughtAsBreaking() {
        assertBreaking(api -> api.getPaths().get("/v1/feedback/{feedbackId}").setGet(null));
    }

    @Test
    void requiringAPreviouslyOptionalRequestFieldIsCaughtAsBreaking() {
        assertBreaking(api -> schema(api, "NewFeedback").getRequired().add("comment"));
    }

    @Test
    void narrowingAnAcceptedEnumIsCaughtAsBreaking() {
        assertBreaking(api -> schema(api, "Channel").getEnum().remove("store"));
    }

    @Test
    void droppingAResponseFieldIsCaughtAsBreaking() {
        assertBreaking(api -> {
            schema(api, "Feedback").getProperties().remove("createdAt");
            schema(api, "Feedback").getRequired().remove("createdAt");
        });
    }

    @Test
    void addingAnOptionalResponseFieldIsCompatible() {
        ChangedOpenApi diff = diffAfter(api -> schema(api, "Feedback").addProperty("sentiment", new Schema<String>()
                .type("string")));

        assertFalse(diff.isUnchanged(), "the change was not seen at all");
        assertFalse(diff.isIncompatible(), render(diff));
    }

    private static void assertBreaking(Consumer<OpenAPI> change) {
        ChangedOpenApi diff = diffAfter(change);
        assertTrue(diff.isIncompatible(), "openapi-diff did not flag a breaking change:\n" + render(diff));
    }

    private static ChangedOpenApi diffAfter(Consumer<OpenAPI> change) {
        String current = ApiContract.FEEDBACK_V1.yaml();
        OpenAPI changed = Contracts.parseStrictly(current, "feedback-api");
        change.accept(changed);
        return OpenApiCompare.fromContents(current, Yaml.pretty(changed));
    }

    @SuppressWarnings("rawtypes")
    private static Schema schema(OpenAPI api, String name) {
        Schema schema = api.getComponents().getSchemas().get(name);
        if (schema.getRequired() != null) {
            schema.setRequired(new ArrayList<>(schema.getRequired()));
        }
        if (schema.getEnum() != null) {
            schema.setEnum(new ArrayList<>(schema.getEnum()));
        }
        return schema;
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (java.io.IOException e) {
            return "(could not render the difference: " + e.getMessage() + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }

}
