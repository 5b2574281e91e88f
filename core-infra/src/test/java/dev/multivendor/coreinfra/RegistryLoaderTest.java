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
                ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: "101", repositoryOwnerId: "201"}
              - id: vendor-b
                accountId: "333333333333"
                integration: http
                owners: {team: Vendor B, email: b@vendor-b.example}
                stages: [dev, prod]
                ci: {kind: github-oidc, repository: vendor-b/support-tickets-api, repositoryId: "102", repositoryOwnerId: "202"}
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
        assertEquals(List.of("dev", "prod", "iam-user"), r.vendors().get(0).identities().stream()
                .map(Registry.Identity::name).toList(), "one identity per stage by default, plus the IAM user");
    }

    @Test
    void rejectsMalformedYamlNamingTheLine() {
        assertOneProblem(replace("    stages: [dev, prod]\n    ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", repositoryOwnerId: \"201\"}",
                "    stages: [dev, prod\n    ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", repositoryOwnerId: \"201\"}"),
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
        assertOneProblem(replace("ci: {kind: github-oidc, repository: vendor-b/support-tickets-api, repositoryId: \"102\", repositoryOwnerId: \"202\"}",
                        "ci: {kind: aws-role, environments: [{name: prod, roleArn: \"arn:aws:iam::999999999999:role/ci\"}]}"),
                "vendor 'vendor-b'", "field 'ci.environments[prod].roleArn'", "not in the vendor's account 333333333333");
    }

    @Test
    void rejectsACiWithoutAnyIdentity() {
        assertOneProblem(replace("ci: {kind: github-oidc, repository: vendor-b/support-tickets-api, repositoryId: \"102\", repositoryOwnerId: \"202\"}", "ci: {}"),
                "vendor 'vendor-b'", "field 'ci.kind'", "is required");
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
        assertOneProblem(singleAccount().replace("ci: {kind: github-oidc, repository: vendor-b/support-tickets-api, repositoryId: \"102\", repositoryOwnerId: \"202\"}",
                        "ci: {kind: aws-role, environments: [{name: prod, roleArn: \"arn:aws:iam::999999999999:role/ci\"}]}"),
                "vendor 'vendor-b'", "field 'ci.environments[prod].roleArn'", "not in the vendor's account 111111111111");
    }

    // ---- customDomain ----

    private static final String CERT = "arn:aws:acm:eu-west-1:111111111111:certificate/"
            + "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    /** VALID behind a custom domain (lines 3-6), vendor-a at feedback.api.example.com, vendor-b at its id. */
    private static String withDomain() {
        return VALID.replace("coreAccountId: \"111111111111\"\n", "coreAccountId: \"111111111111\"\n"
                        + "customDomain:\n  name: api.example.com\n  certificateArn: " + CERT + "\n  stage: prod\n")
                .replace("    integration: lambda\n", "    integration: lambda\n    subdomain: feedback\n");
    }

    private static String withDomain(String from, String to) {
        String yaml = withDomain();
        assertTrue(yaml.contains(from), "fixture lacks " + from);
        return yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void readsTheCustomDomainWithSubdomainsDefaultingToTheVendorId() throws RegistryException {
        Registry r = RegistryLoader.parse(withDomain(), "test.yaml");
        assertEquals(new Registry.CustomDomain("api.example.com", CERT, "prod"), r.customDomain().orElseThrow());
        assertEquals(List.of("feedback", "vendor-b"), r.vendors().stream().map(Registry.Vendor::subdomain).toList());
        assertEquals("https://feedback.api.example.com", r.customDomain().get().url(r.vendors().get(0)));
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
        assertEquals(List.of("feedback", "vendor-b"), r.vendors().stream().map(Registry.Vendor::subdomain).toList());
    }

    @Test
    void acceptsTheCustomDomainTestRegistry() {
        Registry r = Synths.parse(Synths.resource("registries/custom-domain.yaml"), "custom-domain.yaml");
        assertEquals(List.of("feedback", "vendor-b", "vendor-c"),
                r.vendors().stream().map(Registry.Vendor::subdomain).toList());
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
        String yaml = withDomain().replace("    stages: [dev, prod]\n    ci: {kind: github-oidc, repository: vendor-b",
                "    stages: [dev]\n    ci: {kind: github-oidc, repository: vendor-b");
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
    void rejectsASubdomainThatIsNotOneDnsLabel() {
        assertOneProblem(withDomain("subdomain: feedback", "subdomain: feed.back"),
                "test.yaml:11:", "vendor 'vendor-a'", "field 'subdomain'", "one lowercase DNS label", "'feed.back'");
    }

    @Test
    void rejectsASubdomainWithCharactersDnsRefuses() {
        assertOneProblem(withDomain("subdomain: feedback", "subdomain: \"feed back\""),
                "test.yaml:11:", "vendor 'vendor-a'", "field 'subdomain'", "one lowercase DNS label");
    }

    @Test
    void rejectsASubdomainUsedByAnotherVendor() {
        assertOneProblem(withDomain("    integration: http\n", "    integration: http\n    subdomain: feedback\n"),
                "test.yaml:18:", "vendor 'vendor-b'", "field 'subdomain'", "'feedback' is already used by vendor "
                        + "'vendor-a'", "host name of its own");
        assertOneProblem(withDomain("subdomain: feedback", "subdomain: vendor-b"),
                "test.yaml:15:", "vendor 'vendor-b'", "field 'id'", "'vendor-b' is already used by vendor 'vendor-a'",
                "defaults to the id");
    }

    @Test
    void rejectsASubdomainWithoutACustomDomain() {
        assertOneProblem(replace("    integration: lambda\n", "    integration: lambda\n    subdomain: feedback\n"),
                "test.yaml:7:", "vendor 'vendor-a'", "field 'subdomain'", "no customDomain");
    }

    // ---- deploy identities ----

    private static String ciOfA(String ci) {
        return replace("ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", repositoryOwnerId: \"201\"}", ci);
    }

    @Test
    void readsOneIdentityPerEnvironmentWithItsStagesAndItsGitHubIds() throws RegistryException {
        Registry.Vendor a = RegistryLoader.parse(VALID, "test.yaml").vendors().get(0);
        Registry.Identity dev = a.identities().get(0);
        assertEquals(List.of("dev"), dev.stages());
        Registry.OidcTrust t = dev.oidc().orElseThrow();
        assertEquals(List.of("repo:vendor-a/feedback-api:environment:dev"), t.subjects());
        assertEquals(java.util.Map.of("repository_id", "101", "repository_owner_id", "201", "environment", "dev"),
                t.claims());
        assertEquals("dev", a.deployerOf("dev").orElseThrow().name());
        assertEquals("prod", a.deployerOf("prod").orElseThrow().name());
    }

    @Test
    void requiresTheImmutableGitHubIds() {
        assertOneProblem(ciOfA("ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryOwnerId: \"201\"}"),
                "vendor 'vendor-a'", "field 'ci.repositoryId'", "is required");
        assertOneProblem(ciOfA("ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: abc, "
                        + "repositoryOwnerId: \"201\"}"), "field 'ci.repositoryId'", "numeric id");
    }

    @Test
    void readsEveryKindOfIdentity() throws RegistryException {
        Registry gitlab = RegistryLoader.parse(ciOfA("ci: {kind: gitlab-oidc, project: g/p, projectId: \"5\", "
                + "namespaceId: \"6\", environments: [{name: dev, ref: develop}, {name: prod, ref: main}]}"), "t.yaml");
        Registry.OidcTrust gl = gitlab.vendors().get(0).identities().get(1).oidc().orElseThrow();
        assertEquals("https://gitlab.com", gl.issuerUrl());
        assertEquals(List.of("project_path:g/p:ref_type:branch:ref:main"), gl.subjects());
        assertEquals("5", gl.claims().get("project_id"));
        Registry oidc = RegistryLoader.parse(ciOfA("ci: {kind: oidc, issuer: \"https://ci.example.com\", audience: "
                + "aws, environments: [{name: all, stages: [dev, prod], subjects: [\"org:vendor-a:env:*\"]}]}"), "t.yaml");
        assertEquals(List.of("dev", "prod"), oidc.vendors().get(0).identities().get(0).stages());
        Registry role = RegistryLoader.parse(ciOfA("ci: {kind: aws-role, environments: [{name: prod, roleArn: "
                + "\"arn:aws:iam::222222222222:role/ci\"}]}\n    iamUser: true"), "t.yaml");
        assertEquals(java.util.Optional.of("arn:aws:iam::222222222222:role/ci"),
                role.vendors().get(0).identities().get(0).trustedRoleArn());
        Registry userOnly = RegistryLoader.parse(replace("    ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", repositoryOwnerId: \"201\"}\n", ""), "t.yaml");
        assertEquals(List.of(Registry.IdentityKind.IAM_USER), userOnly.vendors().get(0).identities().stream()
                .map(Registry.Identity::kind).toList());
    }

    @Test
    void rejectsAStageDeployedByTwoEnvironments() {
        assertOneProblem(ciOfA("ci: {kind: aws-role, environments: [{name: a, stages: [dev, prod], roleArn: "
                        + "\"arn:aws:iam::222222222222:role/a\"}, {name: b, stages: [prod], roleArn: "
                        + "\"arn:aws:iam::222222222222:role/b\"}]}"),
                "field 'ci.environments[b].stages'", "stage 'prod' is already deployed by environment 'a'");
    }

    @Test
    void rejectsAnEnvironmentOfAnUnknownStageOrNamedLikeTheUser() {
        assertOneProblem(ciOfA("ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", "
                + "repositoryOwnerId: \"201\", environments: [dev, staging]}"), "field 'ci.environments[staging].stages'",
                "'staging' is not one of the vendor's stages");
        assertTrue(problems(ciOfA("ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", "
                + "repositoryOwnerId: \"201\", environments: [iam-user]}")).stream()
                .anyMatch(p -> p.contains("is the IAM user's identity")));
    }

    @Test
    void rejectsSubjectWildcardsThatCouldSpanVendors() {
        assertOneProblem(ciOfA("ci: {kind: oidc, issuer: \"https://ci.example.com\", audience: aws, environments: "
                        + "[{name: all, stages: [dev, prod], subjects: [\"org:*\"]}]}"),
                "field 'ci.environments[all].subjects'", "without a scope of its own");
        assertOneProblem(ciOfA("ci: {kind: oidc, issuer: \"https://ci.example.com\", audience: aws, environments: "
                        + "[{name: all, stages: [dev, prod], subjects: [\"org:a*:env:prod\"]}]}"),
                "field 'ci.environments[all].subjects'", "only as one '*' at its end");
    }

    @Test
    void rejectsTwoIdentitiesThatAcceptTheSameTokens() {
        String ci = "ci: {kind: oidc, issuer: \"https://ci.example.com\", audience: aws, environments: "
                + "[{name: all, stages: [dev, prod], subjects: [\"org:shared:env:*\"]}]}";
        String yaml = ciOfA(ci).replace("ci: {kind: github-oidc, repository: vendor-b/support-tickets-api, repositoryId: \"102\", repositoryOwnerId: \"202\"}", ci);
        assertOneProblem(yaml, "vendor 'vendor-b'", "subject 'org:shared:env:*' of vendor-b/all can match the same "
                + "tokens", "of vendor-a/all");
    }

    @Test
    void needsAtLeastOneIdentity() {
        assertOneProblem(replace("    ci: {kind: github-oidc, repository: vendor-a/feedback-api, repositoryId: \"101\", repositoryOwnerId: \"201\"}\n", "    iamUser: false\n"),
                "vendor 'vendor-a'", "field 'ci'", "at least one identity");
    }

    @Test
    void statesTheRateBoundItChecks() {
        assertOneProblem(VALID.replace("coreAccountId: \"111111111111\"\n", "coreAccountId: \"111111111111\"\n"
                        + "accountRateLimit: 300\n"), "field 'vendors[*].stages[*].rateLimit'", "add up to 400",
                "each stage's total is capped at its rateLimit");
        assertTrue(problems(VALID.replace("stages: [dev, prod]\n    ci: {kind: github-oidc, repository: vendor-a",
                "stages: [{name: dev, rateLimit: 0.1}, prod]\n    ci: {kind: github-oidc, repository: vendor-a"))
                .get(0).contains("between 0.16"), "WAF's minimum of 10 requests per 60 s window");
    }
}
