package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.util.ArrayList;
import java.util.List;

import static dev.multivendor.coreinfra.PolicyStatements.F;
import static dev.multivendor.coreinfra.PolicyStatements.allow;
import static dev.multivendor.coreinfra.PolicyStatements.deny;
import static dev.multivendor.coreinfra.PolicyStatements.document;
import static dev.multivendor.coreinfra.PolicyStatements.statement;
import static dev.multivendor.coreinfra.PolicyStatements.strings;
import static dev.multivendor.coreinfra.PolicyStatements.withCondition;
import static dev.multivendor.coreinfra.ResourceArns.functionArn;
import static dev.multivendor.coreinfra.ResourceArns.functionArns;
import static dev.multivendor.coreinfra.ResourceArns.functionLogGroupArn;
import static dev.multivendor.coreinfra.ResourceArns.functionRolesArn;
import static dev.multivendor.coreinfra.ResourceArns.singleAccountLogGroupArns;

/**
 * The policies of the single-account model (every vendor's API, functions and roles in the core account), isolated by
 * attribute-based access control (ABAC) on the vendor tag: a vendor identity's deploy policy and boundary, and the
 * policy and boundary of the role its functions run as.
 */
public final class SingleAccountPolicies {

    /** The principal tag the core sets on each vendor identity (role and user); vendors cannot change it. */
    static final String PRINCIPAL_VENDOR = "${aws:PrincipalTag/" + Names.VENDOR_TAG + "}";
    /** The only tag keys a vendor may put on what it creates; notably not managed-by, which marks core resources. */
    public static final List<String> VENDOR_TAG_KEYS = List.of(Names.VENDOR_TAG, "owner-team", "owner-email",
            "integration");
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
    static final List<String> LOG_READ_ACTIONS = List.of("logs:DescribeLogStreams", "logs:FilterLogEvents",
            "logs:GetLogEvents");

    private SingleAccountPolicies() {
    }

    /**
     * The deploy policy in the single-account model. Instead of one API id, every grant on API Gateway and Lambda
     * carries a tag condition: create only with {@code aws:RequestTag/vendor} = the caller's principal tag and only
     * the vendor's tag keys; read, change, deploy or delete only where {@code aws:ResourceTag/vendor} = the caller's
     * principal tag (REST API children inherit the API's tags for authorization). Where a service has no tag
     * condition (log groups Lambda creates untagged, layers, PassRole), a name prefix or IAM path takes over.
     */
    public static String deployPolicy(String region, String account, Vendor vendor, List<String> stages,
                                      String apiId) {
        String restApis = ResourceArns.restApisArn(region);
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
        statements.addAll(guardrailDenies(account, vendor.id(), stages));
        return document(statements);
    }

    /**
     * The permissions boundary of a vendor identity in the single-account model: the same tag-conditioned
     * grants as the ceiling (a broad policy attached by mistake still only reaches the vendor's own tagged
     * resources), with the same explicit denies.
     */
    public static String boundary(String region, String account, Vendor vendor, List<String> stages, String apiId) {
        String restApis = ResourceArns.restApisArn(region);
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
        statements.addAll(guardrailDenies(account, vendor.id(), stages));
        return document(statements);
    }

    /** What a vendor's functions may do: write their own logs (name prefix) and traces. Core-owned, not editable. */
    public static String functionRolePolicy(String region, String account, String vendorId) {
        String logs = functionLogGroupArn(region, account, vendorId);
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
        String logs = functionLogGroupArn(region, account, vendorId);
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

    private static ObjectNode passOwnFunctionRoles(String account, String vendorId) {
        // PassRole has no tag condition on the caller's side that is simpler than this: only the core creates roles
        // under /vendors/<id>/, each with the function boundary, and only for the Lambda service.
        ObjectNode s = allow("PassOwnFunctionRolesToLambda", List.of("iam:PassRole"),
                List.of(functionRolesArn(account, vendorId)));
        s.putObject("Condition").putObject("StringEquals").put("iam:PassedToService", "lambda.amazonaws.com");
        return s;
    }

    /**
     * The vendor-accounts guardrails adapted to a shared account: account-global API Gateway paths (but POST
     * /restapis, which the tag condition governs), no PATCH and no stage creation, nothing below an API but
     * deployments, never the core's API shells; never the vendor tag or managed-by; no shared quotas or public
     * entrances; no IAM but passing its own function roles to Lambda.
     */
    static List<ObjectNode> guardrailDenies(String account, String vendorId, List<String> stages) {
        List<ObjectNode> denies = new ArrayList<>();
        // Includes POST /restapis: in one shared account vendors do not create REST APIs (CreateRestApi's cloneFrom
        // has no condition key, and the account's regional API quota is shared); each vendor gets the core's shell.
        denies.add(Guardrails.denyAccountGlobalApiGateway());
        // Deleting or re-configuring an API (its shell is the core's), or its stages: the core's job.
        denies.add(deny("DenyApiAndStageReconfiguration", List.of("apigateway:PATCH", "apigateway:DELETE",
                "apigateway:UpdateRestApiPolicy", "apigateway:SetWebACL"), List.of("arn:aws:apigateway:*::/restapis/*")));
        denies.add(Guardrails.deployOnlyToStages(stages));
        denies.add(Guardrails.denyCoreControls());
        denies.add(deny("DenyWritesBelowApis", List.of("apigateway:PUT", "apigateway:DELETE"),
                List.of("arn:aws:apigateway:*::/restapis/*/*")));
        denies.add(Guardrails.denyCreatingStages());
        ObjectNode removesVendorTag = F.objectNode();
        removesVendorTag.putObject("ForAnyValue:StringEquals").set("aws:TagKeys",
                strings(List.of(Names.VENDOR_TAG, Names.CORE_MANAGED_TAG)));
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
        setsCoreTag.putObject("ForAnyValue:StringEquals").set("aws:TagKeys", strings(List.of(Names.CORE_MANAGED_TAG)));
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
}
