package dev.multivendor.contracts.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class OnboardingKitSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIT = "kits/vendor-a.json";

    @Test
    void theSchemaIsAValidJsonSchema202012Document() throws Exception {
        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<Error> errors = metaSchema.validate(JSON.readTree(OnboardingKitSchema.v1().schemaText()));
        assertEquals(List.of(), errors);
    }

    @Test
    void theExampleIsAValidKit() throws Exception {
        OnboardingKit kit = OnboardingKit.parse("example.json", OnboardingKitSchema.exampleText());
        assertEquals(1, kit.kitVersion());
        assertEquals("vendor-a", kit.vendorId());
        assertEquals("a1b2c3d4e5", kit.apiId());
        assertEquals("eu-west-1", kit.region());
        assertEquals("111111111111", kit.coreAccountId());
        assertEquals(List.of("dev", "prod"), List.copyOf(kit.stages().keySet()));
        assertEquals("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod", kit.stage("prod").invokeUrl());
        assertEquals(200.5, kit.stage("prod").rateLimit());
        assertEquals("vendor", kit.vendorTagKey());
        assertEquals("/vendors/", kit.rolePath());
        assertEquals(List.of("github-oidc", "github-oidc", "aws-role", "iam-user"),
                kit.identities().values().stream().map(OnboardingKit.Identity::kind).toList());
    }

    @Test
    void theExampleShowsEveryIdentityKindTheCoreHandsOutInItsOwnIdentityOrAVariant() throws Exception {
        valid(kit -> identity(kit, "dev").put("kind", "gitlab-oidc").set("signIn", JSON.createObjectNode()
                .put("issuer", "https://gitlab.com").put("audience", "https://gitlab.com")
                .set("subjects", JSON.createArrayNode().add("project_path:vendor-a/feedback:ref_type:branch:ref:main"))));
        valid(kit -> identity(kit, "dev").put("kind", "oidc").set("signIn", JSON.createObjectNode()
                .put("issuer", "https://ci.vendor-a.example").put("audience", "sts.amazonaws.com")
                .set("subjects", JSON.createArrayNode().add("pipeline:feedback:dev"))));
    }

    @Test
    void aSingleAccountKitCarriesTheFunctionRoleAndNamePrefix() throws Exception {
        OnboardingKit kit = valid(k -> k.put("accountModel", "single-account")
                .put("functionRoleArn", "arn:aws:iam::111111111111:role/vendors/vendor-a/vendor-a-lambda")
                .put("namePrefix", "vendor-a-"));
        assertEquals("vendor-a-", kit.namePrefix().orElseThrow());

        assertProblem(k -> k.put("accountModel", "single-account"), "/functionRoleArn", "is missing");
        assertProblem(k -> k.put("namePrefix", "vendor-a-"), "/namePrefix", "is not a field");
    }

    @Test
    void aRenamedFieldIsCaughtAsUnknownAndAsMissing() throws Exception {
        List<KitProblem> problems = problems(kit -> kit.set("apiID", kit.remove("apiId")));
        assertEquals(List.of("/apiID", "/apiId"), problems.stream().map(KitProblem::pointer).sorted().toList());
        String message = new InvalidKitException(problems).getMessage();
        assertTrue(message.contains(KIT + ":"), message);
        assertTrue(message.contains("field /apiID: is not a field of onboarding kit v1"), message);
        assertTrue(message.contains("field /apiId: is missing; it is required (The API Gateway REST API id"), message);
    }

    @Test
    void aRenamedStageFieldIsCaughtToo() throws Exception {
        assertProblem(kit -> stage(kit, "dev").set("invokeURL", stage(kit, "dev").remove("invokeUrl")),
                "/stages/dev/invokeURL", "is not a field");
    }

    @Test
    void anApiIdThatIsNotTenLowerCaseCharactersIsRefusedWithWhatItShouldBe() throws Exception {
        KitProblem problem = assertProblem(kit -> kit.put("apiId", "a1b2c3d4e5*"), "/apiId",
                "ten lower-case letters and digits");
        assertEquals(6, problem.line(), "line of apiId in the example");
        assertTrue(problem.toString().startsWith(KIT + ":6: field /apiId: "), problem.toString());
    }

    @Test
    void fieldsOfTheWrongKindAreRefused() throws Exception {
        assertProblem(kit -> kit.put("kitVersion", 2), "/kitVersion", "");
        assertProblem(kit -> kit.put("coreAccountId", "1111"), "/coreAccountId", "12-digit");
        assertProblem(kit -> kit.put("integration", "grpc"), "/integration", "");
        assertProblem(kit -> stage(kit, "dev").put("burstLimit", 1.5), "/stages/dev/burstLimit", "");
        assertProblem(kit -> stage(kit, "dev").put("invokeUrl", "http://insecure.example/dev"),
                "/stages/dev/invokeUrl", "https invoke URL");
        assertProblem(kit -> ((ObjectNode) kit.get("stages")).set("Dev!", stage(kit, "dev")), "/stages", "");
    }

    @Test
    void eachIdentityKindMustCarryItsOwnSignInFields() throws Exception {
        assertProblem(kit -> ((ObjectNode) identity(kit, "codebuild").get("signIn")).remove("trustedRoleArn"),
                "/identities/codebuild/signIn/trustedRoleArn", "is missing");
        assertProblem(kit -> ((ObjectNode) identity(kit, "dev").get("signIn")).remove("subjects"),
                "/identities/dev/signIn/subjects", "is missing");
        assertProblem(kit -> identity(kit, "iam-user").put("roleArn", "arn:aws:iam::111111111111:role/x"),
                "/identities/iam-user/roleArn", "is not a field");
        assertProblem(kit -> identity(kit, "prod").remove("roleArn"), "/identities/prod/roleArn", "is missing");
        assertProblem(kit -> identity(kit, "prod").put("kind", "saml"), "/identities/prod/kind", "");
        assertProblem(kit -> identity(kit, "prod").set("stages", JSON.createArrayNode()),
                "/identities/prod/stages", "");
    }

    @Test
    void aStageMustBeDeployedByAnIdentityThatListsIt() throws Exception {
        assertProblem(kit -> stage(kit, "prod").put("identity", "staging"), "/stages/prod/identity",
                "not in identities (dev, prod, codebuild, iam-user)");
        assertProblem(kit -> stage(kit, "prod").put("identity", "dev"), "/stages/prod/identity",
                "whose stages do not include \"prod\"");
        assertProblem(kit -> ((ArrayNode) identity(kit, "dev").get("stages")).add("qa"), "/identities/dev/stages/1",
                "stage \"qa\" is not in stages (dev, prod)");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws Exception {
        List<KitProblem> problems = problems(kit -> kit.put("region", "Europe").put("apiName", "")
                .remove("names"));
        assertEquals(List.of("/apiName", "/names", "/region"),
                problems.stream().map(KitProblem::pointer).sorted().toList());
    }

    @Test
    void textThatIsNotJsonNamesTheLine() {
        InvalidKitException e = assertThrows(InvalidKitException.class,
                () -> OnboardingKit.parse(KIT, "{\n  \"vendorId\": \"vendor-a\",\n  oops\n}"));
        assertTrue(e.getMessage().startsWith(KIT + ":3: the kit: not valid JSON"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("onboarding-kit.json");
        InvalidKitException e = assertThrows(InvalidKitException.class, () -> OnboardingKit.load(file));
        assertTrue(e.getMessage().startsWith(file + ":1: the kit: no such file"), e.getMessage());
    }

    @Test
    void aKitIsLoadedFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kit.json"), OnboardingKitSchema.exampleText());
        assertEquals("vendor-a", OnboardingKit.load(file).vendorId());
    }

    @Test
    void anUnknownStageIsAnErrorThatListsTheKitsStages() throws Exception {
        OnboardingKit kit = OnboardingKit.parse(KIT, OnboardingKitSchema.exampleText());
        InvalidKitException e = assertThrows(InvalidKitException.class, () -> kit.stage("qa"));
        assertTrue(e.getMessage().endsWith("field /stages: has no stage \"qa\"; the kit's stages are dev, prod"),
                e.getMessage());
    }

    @Test
    void consumersNameTheLineOfTheFieldTheyRefuse() throws Exception {
        OnboardingKit kit = OnboardingKit.parse(KIT, OnboardingKitSchema.exampleText());
        assertEquals(KIT + ":3: field /vendorId: is not vendor-b",
                kit.problem("/vendorId", "is not vendor-b").toString());
        assertEquals(20, kit.problem("/stages/prod/invokeUrl", "x").line());
        assertEquals(49, kit.problem("/identities/prod/signIn/subjects/0", "x").line());
    }

    // ---- helpers ----

    private static OnboardingKit valid(Consumer<ObjectNode> change) throws Exception {
        return OnboardingKit.parse(KIT, changed(change));
    }

    private static List<KitProblem> problems(Consumer<ObjectNode> change) throws Exception {
        return OnboardingKitSchema.v1().problems(KIT, changed(change));
    }

    private static KitProblem assertProblem(Consumer<ObjectNode> change, String pointer, String text)
            throws Exception {
        List<KitProblem> problems = problems(change);
        for (KitProblem problem : problems) {
            if (problem.pointer().equals(pointer) && problem.message().contains(text)) {
                return problem;
            }
        }
        return fail("expected a problem at " + pointer + " containing \"" + text + "\", got " + problems);
    }

    private static String changed(Consumer<ObjectNode> change) throws Exception {
        ObjectNode kit = (ObjectNode) JSON.readTree(OnboardingKitSchema.exampleText());
        change.accept(kit);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kit);
    }

    private static ObjectNode stage(JsonNode kit, String name) {
        return (ObjectNode) kit.get("stages").get(name);
    }

    private static ObjectNode identity(JsonNode kit, String name) {
        return (ObjectNode) kit.get("identities").get(name);
    }
}
