package dev.multivendor.vendora.infra;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTable;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableAttribute;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableGlobalSecondaryIndex;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTablePointInTimeRecovery;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.lambda_alias.LambdaAlias;
import com.hashicorp.cdktf.providers.aws.lambda_function.LambdaFunction;
import com.hashicorp.cdktf.providers.aws.lambda_function.LambdaFunctionEnvironment;
import com.hashicorp.cdktf.providers.aws.lambda_function.LambdaFunctionSnapStart;
import com.hashicorp.cdktf.providers.aws.lambda_permission.LambdaPermission;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import dev.multivendor.contracts.tables.TableSchema;
import dev.multivendor.infrasupport.StateBackend;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vendor A's own account: the feedback function (Java 21, SnapStart on published versions, alias {@value #ALIAS}),
 * its execution role (its table and its log group, nothing else), the table, the log group, and the permission
 * that lets exactly one API (the core account's vendor A API, from the onboarding kit) invoke the alias.
 */
public final class VendorALambdaStack extends TerraformStack {

    public static final String STACK_NAME = "vendor-a-lambda";
    public static final String FUNCTION_NAME = "vendor-a-feedback-api";
    public static final String TABLE_NAME = "vendor-a-feedback";
    /** Keys and indexes of the table, shared with the function's tests (shared-contracts). */
    public static final TableSchema TABLE = TableSchema.FEEDBACK;
    public static final String CUSTOMER_INDEX = "customerId-createdAt";
    /** State: VENDOR_A_STATE_BUCKET (and _KEY, _LOCK_TABLE) in vendor A's own account, else this local file. */
    public static final String STATE_ENV_PREFIX = "VENDOR_A";
    public static final String STATE_DEFAULT_KEY = "vendor-a-lambda/terraform.tfstate";
    public static final String LOCAL_STATE_FILE = "terraform.vendor-a-lambda.tfstate";
    public static final String ALIAS = "live";
    public static final String LOG_GROUP = "/aws/lambda/" + FUNCTION_NAME;
    public static final int LOG_RETENTION_DAYS = 30;
    public static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    /** Relative to the synthesized stack directory (cdktf.out/stacks/vendor-a-lambda): the module's shaded jar. */
    public static final String DEFAULT_ARTIFACT = "../../../../target/vendor-a-lambda-1.0.0-SNAPSHOT-aws.jar";

    public VendorALambdaStack(Construct scope, OnboardingKit kit, StateBackend state, String artifact) {
        super(scope, STACK_NAME);
        state.addTo(this, kit.region());
        AwsProvider.Builder.create(this, "aws").region(kit.region())
                .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(ordered(
                        kit.vendorTagKey(), OnboardingKit.VENDOR_ID, "managed-by", "vendor-a-lambda/infra")).build()))
                .build();

        TableSchema.Index byCustomer = TABLE.index(CUSTOMER_INDEX);
        DynamodbTable table = DynamodbTable.Builder.create(this, "feedback")
                .name(TABLE_NAME)
                .billingMode("PAY_PER_REQUEST")
                .hashKey(TABLE.partitionKey())
                .rangeKey(TABLE.sortKey().orElse(null))
                .attribute(TABLE.attributes().stream().map(a -> DynamodbTableAttribute.builder()
                        .name(a.name()).type(a.type()).build()).toList())
                .globalSecondaryIndex(List.of(DynamodbTableGlobalSecondaryIndex.builder()
                        .name(byCustomer.name()).hashKey(byCustomer.partitionKey())
                        .rangeKey(byCustomer.sortKey().orElse(null)).projectionType(byCustomer.projection()).build()))
                .pointInTimeRecovery(DynamodbTablePointInTimeRecovery.builder().enabled(true).build())
                .deletionProtectionEnabled(true)
                .build();

        CloudwatchLogGroup logGroup = CloudwatchLogGroup.Builder.create(this, "logs")
                .name(LOG_GROUP)
                .retentionInDays(LOG_RETENTION_DAYS)
                .build();

        DataAwsIamPolicyDocument assumeRole = DataAwsIamPolicyDocument.Builder.create(this, "assume_role")
                .statement(List.of(DataAwsIamPolicyDocumentStatement.builder()
                        .effect("Allow")
                        .actions(List.of("sts:AssumeRole"))
                        .principals(List.of(DataAwsIamPolicyDocumentStatementPrincipals.builder()
                                .type("Service").identifiers(List.of("lambda.amazonaws.com")).build()))
                        .build()))
                .build();
        IamRole role = IamRole.Builder.create(this, "execution_role")
                .name(FUNCTION_NAME + "-execution")
                .assumeRolePolicy(assumeRole.getJson())
                .build();
        DataAwsIamPolicyDocument permissions = DataAwsIamPolicyDocument.Builder.create(this, "execution_permissions")
                .statement(List.of(
                        DataAwsIamPolicyDocumentStatement.builder()
                                .sid("FeedbackTable")
                                .effect("Allow")
                                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"))
                                .resources(List.of(table.getArn(), table.getArn() + "/index/" + CUSTOMER_INDEX))
                                .build(),
                        DataAwsIamPolicyDocumentStatement.builder()
                                .sid("OwnLogGroup")
                                .effect("Allow")
                                // No logs:CreateLogGroup: the group exists (above), with its retention.
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(logGroup.getArn() + ":*"))
                                .build()))
                .build();
        IamRolePolicy.Builder.create(this, "execution_policy")
                .name("feedback-table-and-logs")
                .role(role.getId())
                .policy(permissions.getJson())
                .build();

        LambdaFunction function = LambdaFunction.Builder.create(this, "function")
                .functionName(FUNCTION_NAME)
                .description("Vendor A's Customer Feedback API (Spring Cloud Function)")
                .runtime("java21")
                .handler(HANDLER)
                .filename(artifact)
                .sourceCodeHash(Fn.filebase64sha256(artifact))
                .role(role.getArn())
                .memorySize(1024)
                .timeout(29) // API Gateway's integration timeout: longer would only burn money
                .publish(true) // SnapStart snapshots published versions only
                .snapStart(LambdaFunctionSnapStart.builder().applyOn("PublishedVersions").build())
                .environment(LambdaFunctionEnvironment.builder().variables(ordered(
                        "FEEDBACK_TABLE", table.getName(),
                        // Skips the manifest scan for Start-Class at every cold start.
                        "MAIN_CLASS", "dev.multivendor.vendora.FeedbackApplication")).build())
                .dependsOn(List.of(logGroup))
                .build();

        LambdaAlias alias = LambdaAlias.Builder.create(this, "live")
                .name(ALIAS)
                .functionName(function.getFunctionName())
                .functionVersion(function.getVersion())
                .build();

        LambdaPermission.Builder.create(this, "core_api_invoke")
                .statementId("AllowVendorAApiInCoreAccount")
                .action("lambda:InvokeFunction")
                .functionName(function.getFunctionName())
                .qualifier(alias.getName())
                .principal("apigateway.amazonaws.com")
                .sourceArn(kit.sourceArn())
                .sourceAccount(kit.coreAccountId())
                .build();

        TerraformOutput.Builder.create(this, "function_alias_arn")
                .description("What the release's Lambda integration points at (api-publisher --lambda-arn)")
                .value(alias.getArn()).build();
        TerraformOutput.Builder.create(this, "integration_uri")
                .description("The API Gateway integration URI for the alias")
                .value(alias.getInvokeArn()).build();
        TerraformOutput.Builder.create(this, "table_name").value(table.getName()).build();
    }

    // Ordered maps: the synthesized JSON must not depend on hash order (deterministic synth).
    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
