package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.Registry.Identity;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.util.ArrayList;
import java.util.List;

/**
 * The IAM documents of the core stack, built as ordered Jackson trees so the synthesized JSON is byte-identical
 * from run to run. {@code apiId} may be a CDKTF token (resolved to the REST API's id at apply) or a real id.
 *
 * <p>API Gateway control-plane ARNs have an empty account field, and {@code /restapis/ID/*} does not match
 * {@code /restapis/ID} itself, so both are listed where both are meant.
 */
public final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Account-global or unscopable API Gateway resources (FACTS.md): only the core team touches them. */
    static final List<String> ACCOUNT_GLOBAL_PATHS = List.of("/account", "/apikeys", "/apikeys/*",
            "/clientcertificates", "/clientcertificates/*", "/domainnames", "/domainnames/*", "/usageplans",
            "/usageplans/*", "/vpclinks", "/vpclinks/*", "/tags/*", "/restapis", "/apis", "/apis/*");

    private PolicyDocuments() {
    }

    /**
     * Exactly what one of a vendor's release identities calls on its own API (deployments only into {@code stages},
     * the stages mapped to that identity), plus reading the vendor's logs.
     */
    public static String deployPolicy(String region, String account, Vendor vendor, List<String> stages, String apiId) {
        String api = apiArn(region, apiId);
        List<ObjectNode> statements = new ArrayList<>();
        // GetRestApi, GetStage(s), GetExport (rollback copy), GetDeployment(s): reads on its own API only.
        statements.add(allow("ReadOwnApi", List.of("apigateway:GET"), List.of(api, api + "/*")));
        // PutRestApi (mode=overwrite) is a PUT on the API itself; nothing beneath it.
        statements.add(allow("ImportOwnApiDefinition", List.of("apigateway:PUT"), List.of(api)));
        // CreateDeployment only, and only into the registered stages: a deployment naming a new stage would
        // create a stage without the core's throttling and logging.
        ObjectNode deploy = allow("DeployOwnApiToRegisteredStages", List.of("apigateway:POST"),
                List.of(api + "/deployments"));
        ObjectNode stageNames = F.objectNode();
        stageNames.set("apigateway:Request/StageName", strings(stages));
        deploy.putObject("Condition").set("StringEquals", stageNames);
        statements.add(deploy);
        statements.add(allow("ReadOwnLogs", List.of("logs:DescribeLogStreams", "logs:FilterLogEvents",
                "logs:GetLogEvents"), logGroupArns(region, account, vendor.id(), apiId)));
        statements.addAll(guardrailDenies(stages));
        return document(statements);
    }

    /**
     * The permissions boundary on the vendor's user and role: the most any policy attached to them can ever
     * grant (its own API, its own logs), with the same explicit denies. A mistaken broad attachment stays
     * inside it.
     */
    public static String boundary(String region, String account, Vendor vendor, List<String> stages, String apiId) {
        String api = apiArn(region, apiId);
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(allow("OwnApiOnly", List.of("apigateway:GET", "apigateway:POST", "apigateway:PUT"),
                List.of(api, api + "/*")));
        statements.add(allow("OwnLogsOnly", List.of("logs:DescribeLogStreams", "logs:FilterLogEvents",
                "logs:GetLogEvents"), logGroupArns(region, account, vendor.id(), apiId)));
        statements.addAll(guardrailDenies(stages));
        return document(statements);
    }

    // ---- single-account model: attribute-based access control (ABAC) on the vendor tag ----

    /** The principal tag the core sets on each vendor identity (role and user); vendors cannot change it. */
    static final String PRINCIPAL_VENDOR = "${aws:PrincipalTag/" + Names.VENDOR_TAG + "}";
    /** The only tag keys a vendor may put on what it creates; notably not managed-by, which marks core resources. */
    public static final List<String> VENDOR_TAG_KEYS = List.of(Names.VENDOR_TAG, "owner-team", "owner-email",
            "integration");
    /** The tag (from the provider's default_tags) on everything the core stack creates. */
    public static final String CORE_MANAGED_TAG = "managed-by";
    public static final String CORE_MANAGED_VALUE = "core-infra";
    /** Lambda actions on a vendor's own functions, allowed only where aws:ResourceTag/vendor is the caller's. */
    static final List<String> OWN_FUNCTION_ACTIONS = List.of("lambda:GetFunction", "lambda:GetFunctionConfiguration",
            "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:PublishVersion",
            "lambda:ListVersionsByFunction", "lambda:CreateAlias", "lambda:UpdateAlias", "lambda:DeleteAlias",
            "lambda:GetAlias", "lambda:ListAliases", "lambda:DeleteFunction", "lambda:InvokeFunction",
            "lambda:ListTags", "lambda:GetPolicy", "lambda:RemovePermission");
    /** Account-shared quotas and entrances that bypass the gateway: no vendor touches them in a shared account. */
    static final List<String> SHARED_LAMBDA_ACTIONS = List.of("lambda:PutFunctionConcurrency",
            "lambda:DeleteFunctionConcurrency", "lambda:PutProvisionedConcurrencyConfig",
            "lambda:CreateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig", "lambda:AddLayerVersionPermission",
            "lambda:CreateEventSourceMapping", "lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping",
            "lambda:PutRuntimeManagementConfig", "lambda:PutFunctionRecursionConfig");

    /**
     * The deploy policy in the single-account model. Instead of one API id, every grant on API Gateway and Lambda
     * carries a tag condition: create only with {@code aws:RequestTag/vendor} = the caller's principal tag and only
     * the vendor's tag keys; read, change, deploy or delete only where {@code aws:ResourceTag/vendor} = the caller's
     * principal tag (REST API children inherit the API's tags for authorization). Where a service has no tag
     * condition (log groups Lambda creates untagged, layers, PassRole), a name prefix or IAM path takes over.
     */
    public static String singleAccountDeployPolicy(String region, String account, Vendor vendor, List<String> stages,
                                                   String apiId) {
        String restApis = "arn:aws:apigateway:" + region + "::/restapis";
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(withCondition(allow("ReadOwnTaggedApis", List.of("apigateway:GET"), List.of(restApis + "/*")),
                ownResource()));
        // PutRestApi (overwrite) on its own APIs; PUT below an API is denied in the guardrails.
        statements.add(withCondition(allow("ImportOwnTaggedApiDefinitions", List.of("apigateway:PUT"),
                List.of(restApis + "/*")), ownResource()));
        ObjectNode deployCondition = ownResource();
        ((ObjectNode) deployCondition.get("StringEquals")).set("apigateway:Request/StageName",
                strings(stages));
        statements.add(withCondition(allow("DeployOwnTaggedApisToRegisteredStages", List.of("apigateway:POST"),
                List.of(restApis + "/*/deployments")), deployCondition));
        statements.add(withCondition(allow("CreateFunctionsTaggedForOwnVendor", List.of("lambda:CreateFunction"),
                List.of(functionArn(region, account, vendor.id()))), createTagged()));
        // Tag-on-create (CreateFunction with Tags also authorizes lambda:TagResource) and later tag changes: the
        // vendor tag must be restated with its own value, on its own functions only.
        ObjectNode tagCondition = createTagged();
        ((ObjectNode) tagCondition.get("StringEquals")).put("aws:ResourceTag/" + Names.VENDOR_TAG, PRINCIPAL_VENDOR);
        statements.add(withCondition(allow("TagOwnFunctionsWithOwnVendorTag", List.of("lambda:TagResource"),
                List.of(functionArn(region, account, vendor.id()))), tagCondition));
        statements.add(withCondition(allow("ManageOwnTaggedFunctions", OWN_FUNCTION_ACTIONS,
                functionArns(region, account, vendor.id())), ownResource()));
        ObjectNode invoke = ownResource();
        ((ObjectNode) invoke.get("StringEquals")).put("lambda:Principal", "apigateway.amazonaws.com");
        statements.add(withCondition(allow("LetApiGatewayInvokeOwnTaggedFunctions", List.of("lambda:AddPermission"),
                functionArns(region, account, vendor.id())), invoke));
        statements.add(passOwnFunctionRoles(account, vendor.id()));
        statements.add(allow("ReadOwnLogs", LOG_READ_ACTIONS, singleAccountLogGroupArns(region, account, vendor.id(),
                apiId)));
        statements.addAll(singleAccountGuardrailDenies(account, vendor.id(), stages));
        return document(statements);
    }

    /**
     * The permissions boundary of a vendor identity in the single-account model: the same tag-conditioned
     * grants as the ceiling (a broad policy attached by mistake still only reaches the vendor's own tagged
     * resources), with the same explicit denies.
     */
    public static String singleAccountBoundary(String region, String account, Vendor vendor, List<String> stages,
                                               String apiId) {
        String restApis = "arn:aws:apigateway:" + region + "::/restapis";
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(withCondition(allow("OwnTaggedApisOnly", List.of("apigateway:GET", "apigateway:POST",
                "apigateway:PUT"), List.of(restApis + "/*")), ownResource()));
        statements.add(withCondition(allow("CreateOwnTaggedFunctionsOnly", List.of("lambda:CreateFunction"),
                List.of(functionArn(region, account, vendor.id()))), createTagged()));
        ObjectNode tagCondition = createTagged();
        ((ObjectNode) tagCondition.get("StringEquals")).put("aws:ResourceTag/" + Names.VENDOR_TAG, PRINCIPAL_VENDOR);
        statements.add(withCondition(allow("TagOwnTaggedFunctionsOnly", List.of("lambda:TagResource"),
                List.of(functionArn(region, account, vendor.id()))), tagCondition));
        List<String> functionActions = new ArrayList<>(OWN_FUNCTION_ACTIONS);
        functionActions.add("lambda:AddPermission");
        statements.add(withCondition(allow("OwnTaggedFunctionsOnly", functionActions,
                functionArns(region, account, vendor.id())), ownResource()));
        statements.add(passOwnFunctionRoles(account, vendor.id()));
        statements.add(allow("OwnLogsOnly", LOG_READ_ACTIONS, singleAccountLogGroupArns(region, account, vendor.id(),
                apiId)));
        statements.addAll(singleAccountGuardrailDenies(account, vendor.id(), stages));
        return document(statements);
    }

    /** What a vendor's functions may do: write their own logs (name prefix) and traces. Core-owned, not editable. */
    public static String functionRolePolicy(String region, String account, String vendorId) {
        String logs = "arn:aws:logs:" + region + ":" + account + ":log-group:" + Names.lambdaLogGroupPrefix(vendorId)
                + "*";
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(allow("WriteOwnFunctionLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream",
                "logs:PutLogEvents"), List.of(logs, logs + ":*")));
        statements.add(allow("WriteTraces", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                List.of("*")));
        return document(statements);
    }

    /**
     * The boundary of every role created for a vendor's functions: its own function logs, traces and invoking its
     * own tagged functions at most; never IAM, STS, API Gateway or another vendor's anything.
     */
    public static String functionRoleBoundary(String region, String account, String vendorId) {
        String logs = "arn:aws:logs:" + region + ":" + account + ":log-group:" + Names.lambdaLogGroupPrefix(vendorId)
                + "*";
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(allow("OwnFunctionLogsOnly", List.of("logs:CreateLogGroup", "logs:CreateLogStream",
                "logs:PutLogEvents"), List.of(logs, logs + ":*")));
        statements.add(allow("TracesOnly", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                List.of("*")));
        ObjectNode own = F.objectNode();
        own.putObject("StringEquals").put("aws:ResourceTag/" + Names.VENDOR_TAG, vendorId);
        statements.add(withCondition(allow("InvokeOwnTaggedFunctionsOnly", List.of("lambda:InvokeFunction"),
                functionArns(region, account, vendorId)), own));
        statements.add(deny("DenyIdentityAndGatewayChanges", List.of("iam:*", "sts:*", "apigateway:*",
                "organizations:*", "account:*"), List.of("*")));
        return document(statements);
    }

    /** Trust of a vendor's function role: the Lambda service, for functions in the core account only. */
    public static String lambdaServiceTrust(String account) {
        ObjectNode s = F.objectNode();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", "lambda.amazonaws.com");
        s.put("Action", "sts:AssumeRole");
        s.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", account);
        return document(List.of(s));
    }

    static final List<String> LOG_READ_ACTIONS = List.of("logs:DescribeLogStreams", "logs:FilterLogEvents",
            "logs:GetLogEvents");

    static List<String> singleAccountLogGroupArns(String region, String account, String vendorId, String apiId) {
        List<String> arns = new ArrayList<>(logGroupArns(region, account, vendorId, apiId));
        // Lambda creates /aws/lambda/NAME itself, untagged: only the name prefix can scope it.
        arns.add("arn:aws:logs:" + region + ":" + account + ":log-group:" + Names.lambdaLogGroupPrefix(vendorId) + "*");
        return arns;
    }

    static String functionArn(String region, String account, String vendorId) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + Names.namePrefix(vendorId) + "*";
    }

    /** The function and its versions and aliases (NAME:QUALIFIER). */
    static List<String> functionArns(String region, String account, String vendorId) {
        String f = functionArn(region, account, vendorId);
        return List.of(f, f + ":*");
    }

    private static ObjectNode passOwnFunctionRoles(String account, String vendorId) {
        // PassRole has no tag condition on the caller's side that is simpler than this: only the core creates roles
        // under /vendors/<id>/, each with the function boundary, and only for the Lambda service.
        ObjectNode s = allow("PassOwnFunctionRolesToLambda", List.of("iam:PassRole"),
                List.of(functionRolesArn(account, vendorId)));
        s.putObject("Condition").putObject("StringEquals").put("iam:PassedToService", "lambda.amazonaws.com");
        return s;
    }

    static String functionRolesArn(String account, String vendorId) {
        return "arn:aws:iam::" + account + ":role" + Names.functionRolePath(vendorId) + "*";
    }

    /**
     * The vendor-accounts guardrails adapted to a shared account: account-global API Gateway paths (but POST
     * /restapis, which the tag condition governs), no PATCH and no stage creation, nothing below an API but
     * deployments, never the core's API shells; never the vendor tag or managed-by; no shared quotas or public
     * entrances; no IAM but passing its own function roles to Lambda.
     */
    static List<ObjectNode> singleAccountGuardrailDenies(String account, String vendorId, List<String> stages) {
        List<ObjectNode> denies = new ArrayList<>();
        // Includes POST /restapis: in one shared account vendors do not create REST APIs (CreateRestApi's cloneFrom
        // has no condition key, and the account's regional API quota is shared); each vendor gets the core's shell.
        denies.add(deny("DenyAccountGlobalApiGateway", List.of("apigateway:*"), ACCOUNT_GLOBAL_PATHS.stream()
                .map(p -> "arn:aws:apigateway:*::" + p).toList()));
        // Deleting or re-configuring an API (its shell is the core's), or its stages: the core's job.
        denies.add(deny("DenyApiAndStageReconfiguration", List.of("apigateway:PATCH", "apigateway:DELETE",
                "apigateway:UpdateRestApiPolicy", "apigateway:SetWebACL"), List.of("arn:aws:apigateway:*::/restapis/*")));
        denies.add(deployOnlyToStages(stages));
        denies.add(deny("DenyCoreControls", CORE_CONTROL_ACTIONS, List.of("*")));
        denies.add(deny("DenyWritesBelowApis", List.of("apigateway:PUT", "apigateway:DELETE"),
                List.of("arn:aws:apigateway:*::/restapis/*/*")));
        denies.add(deny("DenyCreatingStages", List.of("apigateway:POST", "apigateway:PUT"),
                List.of("arn:aws:apigateway:*::/restapis/*/stages", "arn:aws:apigateway:*::/restapis/*/stages/*")));
        ObjectNode removesVendorTag = F.objectNode();
        removesVendorTag.putObject("ForAnyValue:StringEquals").set("aws:TagKeys",
                strings(List.of(Names.VENDOR_TAG, CORE_MANAGED_TAG)));
        denies.add(withCondition(deny("DenyRemovingVendorOrCoreTags", List.of("lambda:UntagResource",
                "logs:UntagResource"), List.of("*")), removesVendorTag));
        ObjectNode changesVendorTag = F.objectNode();
        changesVendorTag.putObject("ForAnyValue:StringEquals").set("aws:TagKeys", strings(List.of(Names.VENDOR_TAG)));
        changesVendorTag.putObject("StringNotEquals").put("aws:RequestTag/" + Names.VENDOR_TAG, PRINCIPAL_VENDOR);
        // Any request that carries tags (TagResource, and API Gateway's create and import calls, whose actions all
        // take aws:RequestTag) may name only the caller's own vendor.
        denies.add(withCondition(deny("DenySettingAnotherVendorTag", List.of("lambda:TagResource",
                "logs:TagResource", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH"), List.of("*")),
                changesVendorTag));
        ObjectNode setsCoreTag = F.objectNode();
        setsCoreTag.putObject("ForAnyValue:StringEquals").set("aws:TagKeys", strings(List.of(CORE_MANAGED_TAG)));
        denies.add(withCondition(deny("DenySettingTheCoreTag", List.of("lambda:TagResource", "logs:TagResource",
                "lambda:CreateFunction", "apigateway:POST"), List.of("*")), setsCoreTag));
        denies.add(deny("DenySharedQuotasAndPublicEntrances", SHARED_LAMBDA_ACTIONS, List.of("*")));
        // Layers cannot be tagged and share the account's code storage: vendors in one account publish none.
        denies.add(deny("DenyLayers", List.of("lambda:PublishLayerVersion", "lambda:DeleteLayerVersion",
                "lambda:AddLayerVersionPermission"), List.of("*")));
        // Everything in IAM, STS, Organizations and Account is denied except on the vendor's own function roles...
        ObjectNode escalation = statement("DenyIdentityEscalation", "Deny", List.of("iam:*", "sts:AssumeRole",
                "organizations:*", "account:*"), List.of());
        escalation.remove("Resource");
        escalation.set("NotResource", strings(List.of(functionRolesArn(account, vendorId))));
        denies.add(escalation);
        // ...and on those, everything but passing them.
        ObjectNode ownRoles = F.objectNode();
        ownRoles.put("Sid", "DenyChangingOwnFunctionRoles");
        ownRoles.put("Effect", "Deny");
        ownRoles.set("NotAction", strings(List.of("iam:PassRole")));
        ownRoles.set("Resource", strings(List.of(functionRolesArn(account, vendorId))));
        denies.add(ownRoles);
        ObjectNode otherService = F.objectNode();
        otherService.putObject("StringNotEquals").put("iam:PassedToService", "lambda.amazonaws.com");
        denies.add(withCondition(deny("DenyPassingRolesToOtherServices", List.of("iam:PassRole"), List.of("*")),
                otherService));
        return denies;
    }

    private static ObjectNode ownResource() {
        ObjectNode c = F.objectNode();
        c.putObject("StringEquals").put("aws:ResourceTag/" + Names.VENDOR_TAG, PRINCIPAL_VENDOR);
        return c;
    }

    private static ObjectNode createTagged() {
        ObjectNode c = F.objectNode();
        c.putObject("StringEquals").put("aws:RequestTag/" + Names.VENDOR_TAG, PRINCIPAL_VENDOR);
        c.putObject("ForAllValues:StringEquals").set("aws:TagKeys", strings(VENDOR_TAG_KEYS));
        return c;
    }

    private static ObjectNode withCondition(ObjectNode statement, ObjectNode condition) {
        statement.set("Condition", condition);
        return statement;
    }

    /**
     * Trust of one deploy role: exactly one CI environment of the vendor. OIDC kinds: the issuer's IAM OIDC provider,
     * the audience, the environment's subjects and the issuer's immutable id claims that AWS STS evaluates (GitHub:
     * repository_id, repository_owner_id, environment; gitlab.com: project_id, namespace_id, ref_protected); aws-role:
     * the one role in
     * the vendor's own account. Never {@code sts:TagSession}, so no session tag can replace the principal tag.
     */
    public static String deployRoleTrust(Identity identity, String oidcProviderArn) {
        ObjectNode s = F.objectNode();
        s.put("Effect", "Allow");
        if (identity.oidc().isPresent()) {
            Registry.OidcTrust t = identity.oidc().get();
            s.put("Sid", "OidcEnvironment");
            s.putObject("Principal").put("Federated", oidcProviderArn);
            s.put("Action", "sts:AssumeRoleWithWebIdentity");
            ObjectNode condition = s.putObject("Condition");
            ObjectNode eq = condition.putObject("StringEquals");
            eq.put(t.providerHost() + ":aud", t.audience());
            t.claims().forEach((claim, value) -> eq.put(t.providerHost() + ":" + claim, value));
            boolean wildcard = t.subjects().stream().anyMatch(x -> x.endsWith("*"));
            // Exact subjects unless the registry gave a trailing '*' inside the vendor's own scope (checked there).
            (wildcard ? condition.putObject("StringLike") : eq).set(t.providerHost() + ":sub", strings(t.subjects()));
        } else {
            s.put("Sid", "VendorAccountRole");
            s.putObject("Principal").set("AWS", strings(List.of(identity.trustedRoleArn().orElseThrow())));
            s.put("Action", "sts:AssumeRole");
        }
        return document(List.of(s));
    }

    /**
     * Trust of the account-level role API Gateway uses to write logs: the service, only on behalf of the core account
     * ({@code aws:SourceAccount}, against the confused deputy). The role serves every API of the account, so there is
     * no one resource ARN to pin with {@code aws:SourceArn}.
     */
    public static String apiGatewayServiceTrust(String account) {
        ObjectNode s = F.objectNode();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", "apigateway.amazonaws.com");
        s.put("Action", "sts:AssumeRole");
        s.putObject("Condition").putObject("StringEquals").put("aws:SourceAccount", account);
        return document(List.of(s));
    }

    public static String apiArn(String region, String apiId) {
        return "arn:aws:apigateway:" + region + "::/restapis/" + apiId;
    }

    static List<String> logGroupArns(String region, String account, String vendorId, String apiId) {
        String prefix = "arn:aws:logs:" + region + ":" + account + ":log-group:";
        return List.of(prefix + "/apigateway/" + vendorId + "/*",
                prefix + Names.executionLogGroup(apiId, "*"));
    }

    /** The core's own controls: the rate caps (WAF), the drift alerts (EventBridge, SNS) and the audit trail. */
    static final List<String> CORE_CONTROL_ACTIONS = List.of("wafv2:*", "waf-regional:*", "events:*", "sns:*",
            "cloudtrail:*");

    /**
     * CreateDeployment only into the given stages: a deployment naming any other stage would create it, without the
     * core's throttling, rate cap and logging. A deny, so it also holds under a broader policy attached by mistake.
     */
    static ObjectNode deployOnlyToStages(List<String> stages) {
        ObjectNode c = F.objectNode();
        c.putObject("StringNotEquals").set("apigateway:Request/StageName", strings(stages));
        return withCondition(deny("DenyDeployingToOtherStages", List.of("apigateway:POST"),
                List.of("arn:aws:apigateway:*::/restapis/*/deployments")), c);
    }

    /** Explicit denies: they win over any allow, in the identity policy and in the boundary alike. */
    static List<ObjectNode> guardrailDenies(List<String> stages) {
        List<ObjectNode> denies = new ArrayList<>();
        denies.add(deny("DenyAccountGlobalApiGateway", List.of("apigateway:*"),
                ACCOUNT_GLOBAL_PATHS.stream().map(p -> "arn:aws:apigateway:*::" + p).toList()));
        // No PATCH/DELETE anywhere on REST APIs: a PATCH on a stage could lift the core's throttling (no IAM
        // condition key covers method settings); deleting or re-configuring the shell is the core's job.
        denies.add(deny("DenyApiShellAndStageChanges", List.of("apigateway:DELETE", "apigateway:PATCH",
                "apigateway:UpdateRestApiPolicy", "apigateway:SetWebACL"), List.of("arn:aws:apigateway:*::/restapis/*")));
        denies.add(deny("DenyCreatingStages", List.of("apigateway:POST", "apigateway:PUT"),
                List.of("arn:aws:apigateway:*::/restapis/*/stages", "arn:aws:apigateway:*::/restapis/*/stages/*")));
        denies.add(deployOnlyToStages(stages));
        denies.add(deny("DenyCoreControls", CORE_CONTROL_ACTIONS, List.of("*")));
        denies.add(deny("DenyIdentityEscalation", List.of("iam:*", "sts:AssumeRole", "organizations:*",
                "account:*"), List.of("*")));
        return denies;
    }

    private static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
        return statement(sid, "Allow", actions, resources);
    }

    private static ObjectNode deny(String sid, List<String> actions, List<String> resources) {
        return statement(sid, "Deny", actions, resources);
    }

    private static ObjectNode statement(String sid, String effect, List<String> actions, List<String> resources) {
        ObjectNode s = F.objectNode();
        s.put("Sid", sid);
        s.put("Effect", effect);
        s.set("Action", strings(actions));
        s.set("Resource", strings(resources));
        return s;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static String document(List<ObjectNode> statements) {
        ObjectNode doc = F.objectNode();
        doc.put("Version", "2012-10-17");
        ArrayNode st = doc.putArray("Statement");
        statements.forEach(st::add);
        try {
            return JSON.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
