package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** Exactly what a vendor's release pipeline calls on its own API, plus reading its own logs. */
    public static String deployPolicy(String region, String account, Vendor vendor, String apiId) {
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
        stageNames.set("apigateway:Request/StageName", strings(vendor.stageNames()));
        deploy.putObject("Condition").set("StringEquals", stageNames);
        statements.add(deploy);
        statements.add(allow("ReadOwnLogs", List.of("logs:DescribeLogStreams", "logs:FilterLogEvents",
                "logs:GetLogEvents"), logGroupArns(region, account, vendor.id(), apiId)));
        statements.addAll(guardrailDenies());
        return document(statements);
    }

    /**
     * The permissions boundary on the vendor's user and role: the most any policy attached to them can ever
     * grant (its own API, its own logs), with the same explicit denies. A mistaken broad attachment stays
     * inside it.
     */
    public static String boundary(String region, String account, Vendor vendor, String apiId) {
        String api = apiArn(region, apiId);
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(allow("OwnApiOnly", List.of("apigateway:GET", "apigateway:POST", "apigateway:PUT"),
                List.of(api, api + "/*")));
        statements.add(allow("OwnLogsOnly", List.of("logs:DescribeLogStreams", "logs:FilterLogEvents",
                "logs:GetLogEvents"), logGroupArns(region, account, vendor.id(), apiId)));
        statements.addAll(guardrailDenies());
        return document(statements);
    }

    /** Trust of the vendor's deploy role: its GitHub environments via OIDC, and/or roles in its own account. */
    public static String deployRoleTrust(Vendor vendor, String oidcProviderArn) {
        List<ObjectNode> statements = new ArrayList<>();
        if (vendor.ci().githubRepository().isPresent()) {
            String repo = vendor.ci().githubRepository().get();
            ObjectNode s = F.objectNode();
            s.put("Sid", "GitHubActionsEnvironments");
            s.put("Effect", "Allow");
            s.putObject("Principal").put("Federated", oidcProviderArn);
            s.put("Action", "sts:AssumeRoleWithWebIdentity");
            ObjectNode eq = F.objectNode();
            eq.put(Names.GITHUB_OIDC_HOST + ":aud", "sts.amazonaws.com");
            // Exact subjects: only the listed environments of this one repository (not branches, not forks).
            eq.set(Names.GITHUB_OIDC_HOST + ":sub", strings(vendor.ci().githubEnvironments().stream()
                    .map(env -> "repo:" + repo + ":environment:" + env).toList()));
            s.putObject("Condition").set("StringEquals", eq);
            statements.add(s);
        }
        if (!vendor.ci().awsPrincipalArns().isEmpty()) {
            ObjectNode s = F.objectNode();
            s.put("Sid", "VendorAccountRoles");
            s.put("Effect", "Allow");
            s.putObject("Principal").set("AWS", strings(vendor.ci().awsPrincipalArns()));
            s.put("Action", "sts:AssumeRole");
            statements.add(s);
        }
        return document(statements);
    }

    /** Trust of the account-level role API Gateway uses to write logs. */
    public static String apiGatewayServiceTrust() {
        ObjectNode s = F.objectNode();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Service", "apigateway.amazonaws.com");
        s.put("Action", "sts:AssumeRole");
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

    /** Explicit denies: they win over any allow, in the identity policy and in the boundary alike. */
    static List<ObjectNode> guardrailDenies() {
        List<ObjectNode> denies = new ArrayList<>();
        denies.add(deny("DenyAccountGlobalApiGateway", List.of("apigateway:*"),
                ACCOUNT_GLOBAL_PATHS.stream().map(p -> "arn:aws:apigateway:*::" + p).toList()));
        // No PATCH/DELETE anywhere on REST APIs: a PATCH on a stage could lift the core's throttling (no IAM
        // condition key covers method settings); deleting or re-configuring the shell is the core's job.
        denies.add(deny("DenyApiShellAndStageChanges", List.of("apigateway:DELETE", "apigateway:PATCH",
                "apigateway:UpdateRestApiPolicy", "apigateway:SetWebACL"), List.of("arn:aws:apigateway:*::/restapis/*")));
        denies.add(deny("DenyCreatingStages", List.of("apigateway:POST", "apigateway:PUT"),
                List.of("arn:aws:apigateway:*::/restapis/*/stages", "arn:aws:apigateway:*::/restapis/*/stages/*")));
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
