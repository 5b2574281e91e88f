package dev.multivendor.coreinfra;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rejection rule: each asserts the message names the file, the line, the vendor and the field. */
class RegistryLoaderTest {

    private static final String VALID = """
            region: eu-west-1
            coreAccountId: "111111111111"
            vendors:
              - id: vendor-a
                accountId: "222222222222"
                integration: lambda
                owners: {team: Vendor A, email: a@vendor-a.example}
                stages: [dev, prod]
                ci: {github: {repository: vendor-a/feedback-api}}
              - id: vendor-b
                accountId: "333333333333"
                integration: http
                owners: {team: Vendor B, email: b@vendor-b.example}
                stages: [dev, prod]
                ci: {github: {repository: vendor-b/support-tickets-api}}
            """;

    private static List<String> problems(String yaml) {
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryLoader.parse(yaml, "test.yaml"),
                "the registry should have been rejected:\n" + yaml);
        assertFalse(e.getMessage().contains("Exception"), "no exception names in user messages: " + e.getMessage());
        return e.problems();
    }

    private static void assertOneProblem(String yaml, String... expectedParts) {
        List<String> problems = problems(yaml);
        assertEquals(1, problems.size(), "expected exactly one problem, got: " + problems);
        for (String part : expectedParts) {
            assertTrue(problems.get(0).contains(part), "message should contain '" + part + "': " + problems.get(0));
        }
    }

    private static String replace(String from, String to) {
        assertTrue(VALID.contains(from), "fixture lacks " + from);
        return VALID.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void acceptsTheShippedRegistryWithVendorAOnLambdaAndVendorBOnHttp() {
        Registry r = Synths.shipped();
        assertEquals(List.of("vendor-a", "vendor-b"), r.vendors().stream().map(Registry.Vendor::id).toList());
        assertEquals(Registry.Integration.LAMBDA, r.vendors().get(0).integration());
        assertEquals(Registry.Integration.HTTP, r.vendors().get(1).integration());
        assertEquals(500, r.vendors().get(0).stages().get(1).rateLimit(), "vendor-a prod rate limit");
    }

    @Test
    void keepsTheLeadingZeroOfAQuotedAccountId() throws RegistryException {
        Registry r = RegistryLoader.parse(replace("\"222222222222\"", "\"022222222222\""), "test.yaml");
        assertEquals("022222222222", r.vendors().get(0).accountId());
    }

    @Test
    void appliesDefaultThrottlingToStagesGivenByNameOnly() throws RegistryException {
        Registry r = RegistryLoader.parse(VALID, "test.yaml");
        Registry.Stage dev = r.vendors().get(0).stages().get(0);
        assertEquals(new Registry.Stage("dev", 100, 200), dev);
        assertEquals(List.of("dev", "prod"), r.vendors().get(0).ci().githubEnvironments(),
                "GitHub environments default to the stage names");
    }

    @Test
    void rejectsMalformedYamlNamingTheLine() {
        assertOneProblem(replace("    stages: [dev, prod]\n    ci: {github: {repository: vendor-a/feedback-api}}",
                "    stages: [dev, prod\n    ci: {github: {repository: vendor-a/feedback-api}}"),
                "test.yaml:", "malformed YAML");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertOneProblem(replace("    integration: lambda", "    integration: lambda\n    integraton: http"),
                "test.yaml:7:", "vendor 'vendor-a'", "field 'integraton'", "unknown key");
    }

    @Test
    void rejectsAKeySetTwice() {
        assertOneProblem(replace("    integration: lambda", "    integration: lambda\n    integration: http"),
                "test.yaml:7:", "vendor 'vendor-a'", "field 'integration'", "set twice");
    }

    @Test
    void rejectsADuplicateVendorId() {
        assertOneProblem(replace("id: vendor-b", "id: vendor-a"),
                "test.yaml:10:", "vendor 'vendor-a'", "field 'id'", "duplicate vendor id", "line 4");
    }

    @Test
    void rejectsAVendorIdWithUppercaseLetters() {
        assertOneProblem(replace("id: vendor-b", "id: Vendor-B"),
                "test.yaml:10:", "vendor '#2'", "field 'id'", "lowercase");
    }

    @Test
    void rejectsAVendorIdThatWouldBreakIamNameLimits() {
        String longId = "v" + "-x".repeat(30);
        assertOneProblem(replace("id: vendor-b", "id: " + longId),
                "test.yaml:10:", "field 'id'", longId.length() + " characters", "64-character");
    }

    @Test
    void rejectsAnAccountIdThatIsNotTwelveDigits() {
        assertOneProblem(replace("\"333333333333\"", "\"33333333333\""),
                "test.yaml:11:", "vendor 'vendor-b'", "field 'accountId'", "exactly 12 digits");
    }

    @Test
    void rejectsAnUnquotedAccountIdBeforeItLosesALeadingZero() {
        assertOneProblem(replace("\"222222222222\"", "022222222222"),
                "test.yaml:5:", "vendor 'vendor-a'", "field 'accountId'", "in quotes", "leading zero");
    }

    @Test
    void rejectsAnUnknownIntegrationType() {
        assertOneProblem(replace("integration: http", "integration: grpc"),
                "test.yaml:12:", "vendor 'vendor-b'", "field 'integration'", "'grpc'", "lambda or http");
    }

    @Test
    void rejectsAnEmptyStageList() {
        assertOneProblem(replace("stages: [dev, prod]", "stages: []"),
                "test.yaml:8:", "vendor 'vendor-a'", "field 'stages'", "empty");
    }

    @Test
    void rejectsAStageListedTwice() {
        assertOneProblem(replace("stages: [dev, prod]", "stages: [dev, dev]"),
                "vendor 'vendor-a'", "field 'stages[1]'", "listed twice");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertOneProblem(replace("    owners: {team: Vendor B, email: b@vendor-b.example}\n", ""),
                "test.yaml:10:", "vendor 'vendor-b'", "field 'owners'", "required");
    }

    @Test
    void rejectsAVendorInTheCoreAccount() {
        assertOneProblem(replace("\"333333333333\"", "\"111111111111\""),
                "vendor 'vendor-b'", "field 'accountId'", "core account");
    }

    @Test
    void rejectsStageRateLimitsThatOversubscribeTheAccountQuota() {
        assertOneProblem(replace("coreAccountId: \"111111111111\"",
                        "coreAccountId: \"111111111111\"\naccountRateLimit: 300"),
                "field 'vendors[*].stages[*].rateLimit'", "add up to 400", "accountRateLimit 300");
    }

    @Test
    void rejectsABurstLimitAboveTheAccountBurstQuota() {
        assertOneProblem(replace("stages: [dev, prod]", "stages: [dev, {name: prod, burstLimit: 9000}]"),
                "vendor 'vendor-a'", "field 'stages[prod].burstLimit'", "between 1 and 5000");
    }

    @Test
    void rejectsALogRetentionCloudWatchDoesNotOffer() {
        assertOneProblem(replace("    integration: http", "    integration: http\n    logRetentionDays: 45"),
                "test.yaml:13:", "vendor 'vendor-b'", "field 'logRetentionDays'", "45");
    }

    @Test
    void rejectsACiRoleOutsideTheVendorsOwnAccount() {
        assertOneProblem(replace("ci: {github: {repository: vendor-b/support-tickets-api}}",
                        "ci: {awsPrincipalArns: [\"arn:aws:iam::999999999999:role/ci\"]}"),
                "vendor 'vendor-b'", "field 'ci.awsPrincipalArns'", "not in the vendor's account 333333333333");
    }

    @Test
    void rejectsACiWithoutAnyIdentity() {
        assertOneProblem(replace("ci: {github: {repository: vendor-b/support-tickets-api}}", "ci: {}"),
                "vendor 'vendor-b'", "field 'ci'", "no CI identity");
    }

    @Test
    void rejectsAnEmptyRegistry() {
        assertOneProblem("", "test.yaml:1:", "empty");
    }

    @Test
    void reportsEveryProblemAtOnceSoOneRunFixesThemAll() {
        List<String> problems = problems(replace("integration: http", "integration: grpc")
                .replace("\"222222222222\"", "\"2\""));
        assertEquals(2, problems.size(), "both problems, got " + problems);
    }
    // ---- accountModel ----

    /** VALID in the single-account model: the same vendors, without account ids. */
    private static String singleAccount() {
        return VALID.replace("coreAccountId: \"111111111111\"\n",
                        "coreAccountId: \"111111111111\"\naccountModel: single-account\n")
                .replace("    accountId: \"222222222222\"\n", "").replace("    accountId: \"333333333333\"\n", "");
    }

    @Test
    void defaultsToTheVendorAccountsModel() throws RegistryException {
        Registry r = RegistryLoader.parse(VALID, "test.yaml");
        assertEquals(Registry.AccountModel.VENDOR_ACCOUNTS, r.accountModel());
        assertFalse(r.singleAccount());
    }

    @Test
    void readsTheSingleAccountModelWhereVendorsRunInTheCoreAccount() throws RegistryException {
        Registry r = RegistryLoader.parse(singleAccount(), "test.yaml");
        assertTrue(r.singleAccount());
        assertEquals(List.of("111111111111", "111111111111"),
                r.vendors().stream().map(Registry.Vendor::accountId).toList(), "implementations run in the core account");
    }

    @Test
    void acceptsTheSingleAccountExample() throws RegistryException {
        Registry r = RegistryLoader.load(Synths.moduleDir().resolve("examples/vendors-single-account.yaml"));
        assertTrue(r.singleAccount());
        assertEquals(List.of("vendor-a", "vendor-b"), r.vendors().stream().map(Registry.Vendor::id).toList());
    }

    @Test
    void rejectsAnUnknownAccountModel() {
        assertOneProblem(singleAccount().replace("accountModel: single-account", "accountModel: shared"),
                "test.yaml:3:", "field 'accountModel'", "unknown account model 'shared'", "single-account");
    }

    @Test
    void rejectsAVendorAccountIdInTheSingleAccountModel() {
        String yaml = singleAccount().replace("    integration: http\n",
                "    integration: http\n    accountId: \"333333333333\"\n");
        assertOneProblem(yaml, "test.yaml:12:", "vendor 'vendor-b'", "field 'accountId'",
                "vendors have no account of their own", "remove accountId");
    }

    @Test
    void stillRequiresAccountIdsInTheVendorAccountsModel() {
        assertOneProblem(VALID.replace("    accountId: \"333333333333\"\n", ""),
                "vendor 'vendor-b'", "field 'accountId'", "is required");
    }

    @Test
    void rejectsVendorIdsWhoseNamePrefixesOverlapInTheSingleAccountModel() {
        String yaml = singleAccount().replace("id: vendor-b", "id: vendor-a-eu");
        assertOneProblem(yaml, "test.yaml:10:", "vendor 'vendor-a-eu'", "field 'id'", "starts with 'vendor-a-'");
        assertDoesNotThrow(() -> RegistryLoader.parse(VALID.replace("id: vendor-b", "id: vendor-a-eu"), "test.yaml"),
                "in the vendor-accounts model names are scoped by account and API id, not prefix");
    }

    @Test
    void requiresCiRolesInTheSharedAccountInTheSingleAccountModel() {
        assertOneProblem(singleAccount().replace("ci: {github: {repository: vendor-b/support-tickets-api}}",
                        "ci: {awsPrincipalArns: [\"arn:aws:iam::999999999999:role/ci\"]}"),
                "vendor 'vendor-b'", "field 'ci.awsPrincipalArns'", "not in the vendor's account 111111111111");
    }

    // ---- customDomain ----

    private static final String CERT = "arn:aws:acm:eu-west-1:111111111111:certificate/"
            + "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    /** VALID behind a custom domain (lines 3-6), vendor-a under /feedback, vendor-b under its id. */
    private static String withDomain() {
        return VALID.replace("coreAccountId: \"111111111111\"\n", "coreAccountId: \"111111111111\"\n"
                        + "customDomain:\n  name: api.example.com\n  certificateArn: " + CERT + "\n  stage: prod\n")
                .replace("    integration: lambda\n", "    integration: lambda\n    basePath: feedback\n");
    }

    private static String withDomain(String from, String to) {
        String yaml = withDomain();
        assertTrue(yaml.contains(from), "fixture lacks " + from);
        return yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void readsTheCustomDomainWithBasePathsDefaultingToTheVendorId() throws RegistryException {
        Registry r = RegistryLoader.parse(withDomain(), "test.yaml");
        assertEquals(new Registry.CustomDomain("api.example.com", CERT, "prod"), r.customDomain().orElseThrow());
        assertEquals(List.of("feedback", "vendor-b"), r.vendors().stream().map(Registry.Vendor::basePath).toList());
        assertEquals("https://api.example.com/feedback", r.customDomain().get().url(r.vendors().get(0)));
        assertTrue(RegistryLoader.parse(VALID, "test.yaml").customDomain().isEmpty(), "the domain is optional");
    }

    @Test
    void servesTheProdStageWhenTheDomainNamesNone() throws RegistryException {
        Registry r = RegistryLoader.parse(withDomain("  stage: prod\n", ""), "test.yaml");
        assertEquals("prod", r.customDomain().orElseThrow().stage());
    }

    @Test
    void readsTheCustomDomainInTheSingleAccountModel() throws RegistryException {
        String yaml = withDomain().replace("coreAccountId: \"111111111111\"\n",
                        "coreAccountId: \"111111111111\"\naccountModel: single-account\n")
                .replace("    accountId: \"222222222222\"\n", "").replace("    accountId: \"333333333333\"\n", "");
        Registry r = RegistryLoader.parse(yaml, "test.yaml");
        assertTrue(r.singleAccount());
        assertEquals("api.example.com", r.customDomain().orElseThrow().name());
        assertEquals(List.of("feedback", "vendor-b"), r.vendors().stream().map(Registry.Vendor::basePath).toList());
    }

    @Test
    void acceptsTheCustomDomainTestRegistry() {
        Registry r = Synths.parse(Synths.resource("registries/custom-domain.yaml"), "custom-domain.yaml");
        assertEquals(List.of("feedback", "vendor-b", "vendor-c"),
                r.vendors().stream().map(Registry.Vendor::basePath).toList());
    }

    @Test
    void rejectsAnUnknownKeyInTheCustomDomain() {
        assertOneProblem(withDomain("  stage: prod\n", "  stage: prod\n  hostedZoneId: Z123\n"),
                "test.yaml:7:", "field 'customDomain.hostedZoneId'", "unknown key", "certificateArn");
    }

    @Test
    void rejectsACustomDomainWithoutACertificate() {
        assertOneProblem(withDomain("  certificateArn: " + CERT + "\n", ""),
                "test.yaml:4:", "field 'customDomain.certificateArn'", "is required");
    }

    @Test
    void rejectsADomainNameThatIsNotLowercase() {
        assertOneProblem(withDomain("name: api.example.com", "name: API.example.com"),
                "test.yaml:4:", "field 'customDomain.name'", "lowercase DNS name", "'API.example.com'");
    }

    @Test
    void rejectsADomainNameWithASingleLabel() {
        assertOneProblem(withDomain("name: api.example.com", "name: localhost"),
                "test.yaml:4:", "field 'customDomain.name'", "at least two labels", "'localhost'");
    }

    @Test
    void rejectsADomainNameWithAnInvalidLabel() {
        assertOneProblem(withDomain("name: api.example.com", "name: -api.example.com"),
                "test.yaml:4:", "field 'customDomain.name'", "lowercase DNS name", "'-api.example.com'");
    }

    @Test
    void rejectsADomainNameLongerThanDnsAllows() {
        String name = ("a".repeat(60) + ".").repeat(4) + "example.com";
        assertOneProblem(withDomain("name: api.example.com", "name: " + name),
                "test.yaml:4:", "field 'customDomain.name'", "is " + name.length() + " characters", "at most 253");
    }

    @Test
    void rejectsACertificateArnThatIsNotAnAcmCertificate() {
        assertOneProblem(withDomain(CERT, "arn:aws:iam::111111111111:server-certificate/api"),
                "test.yaml:5:", "field 'customDomain.certificateArn'", "must be an ACM certificate ARN");
    }

    @Test
    void rejectsACertificateOutsideTheRegistrysRegion() {
        assertOneProblem(withDomain(CERT, CERT.replace("eu-west-1", "us-east-1")),
                "test.yaml:5:", "field 'customDomain.certificateArn'", "the certificate is in us-east-1",
                "regional endpoint in eu-west-1", "same region");
    }

    @Test
    void rejectsACertificateOfAnotherAccount() {
        assertOneProblem(withDomain(CERT, CERT.replace("111111111111", "999999999999")),
                "test.yaml:5:", "field 'customDomain.certificateArn'", "account 999999999999",
                "not the core account 111111111111");
    }

    @Test
    void rejectsAnInvalidDomainStageName() {
        assertOneProblem(withDomain("  stage: prod\n", "  stage: Prod/v1\n"),
                "test.yaml:6:", "field 'customDomain.stage'", "must be a stage name", "'Prod/v1'");
    }

    @Test
    void rejectsADomainStageAVendorDoesNotHave() {
        String yaml = withDomain().replace("    stages: [dev, prod]\n    ci: {github: {repository: vendor-b",
                "    stages: [dev]\n    ci: {github: {repository: vendor-b");
        assertOneProblem(yaml, "test.yaml:19:", "vendor 'vendor-b'", "field 'stages'", "has no stage 'prod'",
                "customDomain.stage");
        List<String> both = problems(withDomain("  stage: prod\n", "  stage: live\n"));
        assertEquals(2, both.size(), "each vendor without the stage is named: " + both);
        assertTrue(both.get(0).startsWith("test.yaml:13: vendor 'vendor-a', field 'stages': has no stage 'live'"),
                both.get(0));
        assertTrue(both.get(1).startsWith("test.yaml:19: vendor 'vendor-b', field 'stages': has no stage 'live'"),
                both.get(1));
    }

    @Test
    void rejectsABasePathWithASlash() {
        assertOneProblem(withDomain("basePath: feedback", "basePath: feedback/v1"),
                "test.yaml:11:", "vendor 'vendor-a'", "field 'basePath'", "no '/'", "'feedback/v1'");
    }

    @Test
    void rejectsABasePathWithCharactersApiGatewayRefuses() {
        assertOneProblem(withDomain("basePath: feedback", "basePath: \"feed back\""),
                "test.yaml:11:", "vendor 'vendor-a'", "field 'basePath'", "letters, digits, '-', '_' or '.'");
    }

    @Test
    void rejectsABasePathUsedByAnotherVendor() {
        assertOneProblem(withDomain("    integration: http\n", "    integration: http\n    basePath: feedback\n"),
                "test.yaml:18:", "vendor 'vendor-b'", "field 'basePath'", "'feedback' is already used by vendor "
                        + "'vendor-a'", "unique");
        assertOneProblem(withDomain("basePath: feedback", "basePath: vendor-b"),
                "test.yaml:15:", "vendor 'vendor-b'", "field 'id'", "'vendor-b' is already used by vendor 'vendor-a'",
                "defaults to the id");
    }

    @Test
    void rejectsABasePathWithoutACustomDomain() {
        assertOneProblem(replace("    integration: lambda\n", "    integration: lambda\n    basePath: feedback\n"),
                "test.yaml:7:", "vendor 'vendor-a'", "field 'basePath'", "no customDomain");
    }
}
