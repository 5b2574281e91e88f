package dev.multivendor.coreinfra;

/** Every name the core stack derives from a vendor id, in one place so limits and policies agree. */
public final class Names {

    /** IAM path for vendor identities and policies: keeps them apart from the core team's own. */
    public static final String IAM_PATH = "/vendors/";
    public static final String ROLE_SUFFIX = "-deploy";
    public static final String GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
    /** The tag key that marks a vendor's resources (API, stages, log groups, identities). */
    public static final String VENDOR_TAG = "vendor";
    /** The tag (from the provider's default_tags) on everything the core stack creates; vendors cannot set it. */
    public static final String CORE_MANAGED_TAG = "managed-by";
    public static final String CORE_MANAGED_VALUE = "core-infra";

    private Names() {
    }

    public static String apiName(String vendorId) {
        return vendorId + "-api";
    }

    /** The prefix of every deploy role of a vendor, one per CI environment: {@code <id>-deploy-<environment>}. */
    public static String roleName(String vendorId) {
        return vendorId + ROLE_SUFFIX;
    }

    /** The deploy role of one CI environment of a vendor. */
    public static String deployRoleName(String vendorId, String environment) {
        return vendorId + ROLE_SUFFIX + "-" + environment;
    }

    /** The key of a vendor's stage in the stage map, and in the addresses of stage-level resources. */
    public static String stageKey(String vendorId, String stage) {
        return vendorId + "/" + stage;
    }

    /** The key of one identity in the synthesized maps and resource addresses: {@code <id>/<identity>}. */
    public static String identityKey(String vendorId, String identity) {
        return vendorId + "/" + identity;
    }

    /** The deploy policy of one identity. */
    public static String identityPolicyName(String vendorId, String identity) {
        return vendorId + "-deploy-" + identity;
    }

    /** The permissions boundary of one identity. */
    public static String identityBoundaryName(String vendorId, String identity) {
        return vendorId + "-boundary-" + identity;
    }

    /** The SNS topic that tells a vendor's owners (and the core) about stage settings a deployment changed. */
    public static String alertTopicName(String vendorId) {
        return "core-stage-drift-" + vendorId;
    }

    /** The core's web ACL that caps one vendor stage's total rate. */
    public static String webAclName(String vendorId, String stage) {
        return "core-" + vendorId + "-" + stage + "-rate-cap";
    }

    public static String userName(String vendorId) {
        return vendorId;
    }

    // ---- single-account model ----

    /** Suffix of the role a vendor's Lambda functions run as; as long as ROLE_SUFFIX, so the id limit holds. */
    public static final String FUNCTION_ROLE_SUFFIX = "-lambda";

    /** IAM path of the roles created for one vendor's functions: the only roles that vendor may pass. */
    public static String functionRolePath(String vendorId) {
        return IAM_PATH + vendorId + "/";
    }

    public static String functionRoleName(String vendorId) {
        return vendorId + FUNCTION_ROLE_SUFFIX;
    }

    public static String functionPolicyName(String vendorId) {
        return vendorId + FUNCTION_ROLE_SUFFIX;
    }

    public static String functionBoundaryName(String vendorId) {
        return vendorId + FUNCTION_ROLE_SUFFIX + "-boundary";
    }

    /** Every name a vendor gives its functions and layers starts with this ("vendor-a-"). */
    public static String namePrefix(String vendorId) {
        return vendorId + "-";
    }

    /** Lambda writes a function's logs to /aws/lambda/NAME, so a vendor's function logs share its name prefix. */
    public static String lambdaLogGroupPrefix(String vendorId) {
        return "/aws/lambda/" + namePrefix(vendorId);
    }

    /** Core-owned access log group of one stage. */
    public static String accessLogGroup(String vendorId, String stage) {
        return "/apigateway/" + vendorId + "/" + stage + "/access";
    }

    /** The name API Gateway itself writes execution logs to; the core pre-creates it to own its retention. */
    public static String executionLogGroup(String apiId, String stage) {
        return "API-Gateway-Execution-Logs_" + apiId + "/" + stage;
    }
}
