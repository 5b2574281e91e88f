package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multivendor.coreinfra.Registry.Vendor;

import java.util.ArrayList;
import java.util.List;

import static dev.multivendor.coreinfra.PolicyStatements.F;
import static dev.multivendor.coreinfra.PolicyStatements.allow;
import static dev.multivendor.coreinfra.PolicyStatements.deny;
import static dev.multivendor.coreinfra.PolicyStatements.document;
import static dev.multivendor.coreinfra.PolicyStatements.strings;
import static dev.multivendor.coreinfra.ResourceArns.apiArn;
import static dev.multivendor.coreinfra.ResourceArns.logGroupArns;

/**
 * The policies of a vendor identity in the vendor-accounts model (each vendor builds in its own account): its deploy
 * policy and its permissions boundary, both scoped to its one REST API by id. {@code apiId} may be the placeholder
 * replaced at apply, or a real id.
 */
public final class VendorAccountPolicies {

    private VendorAccountPolicies() {
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

    /** Explicit denies: they win over any allow, in the identity policy and in the boundary alike. */
    static List<ObjectNode> guardrailDenies(List<String> stages) {
        List<ObjectNode> denies = new ArrayList<>();
        denies.add(Guardrails.denyAccountGlobalApiGateway());
        // No PATCH/DELETE anywhere on REST APIs: a PATCH on a stage could lift the core's throttling (no IAM
        // condition key covers method settings); deleting or re-configuring the shell is the core's job.
        denies.add(deny("DenyApiShellAndStageChanges", List.of("apigateway:DELETE", "apigateway:PATCH",
                "apigateway:UpdateRestApiPolicy", "apigateway:SetWebACL"), List.of("arn:aws:apigateway:*::/restapis/*")));
        denies.add(Guardrails.denyCreatingStages());
        denies.add(Guardrails.deployOnlyToStages(stages));
        denies.add(Guardrails.denyCoreControls());
        denies.add(deny("DenyIdentityEscalation", List.of("iam:*", "sts:AssumeRole", "organizations:*",
                "account:*"), List.of("*")));
        return denies;
    }
}
