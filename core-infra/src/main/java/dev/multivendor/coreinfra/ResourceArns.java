package dev.multivendor.coreinfra;

import java.util.ArrayList;
import java.util.List;

/**
 * The ARNs the vendor policies name. API Gateway control-plane ARNs have an empty account field, and
 * {@code /restapis/ID/*} does not match {@code /restapis/ID} itself, so both are listed where both are meant.
 * {@code apiId} may be a placeholder (replaced with the REST API's id at apply) or a real id.
 */
public final class ResourceArns {

    private ResourceArns() {
    }

    /** The ARN API Gateway authorizes control-plane calls on, e.g. {@code arn:aws:apigateway:eu-west-1::/restapis/ID}. */
    public static String apiArn(String region, String apiId) {
        return "arn:aws:apigateway:" + region + "::/restapis/" + apiId;
    }

    /** Every REST API of the region (single-account: tag conditions narrow it to the vendor's own). */
    static String restApisArn(String region) {
        return "arn:aws:apigateway:" + region + "::/restapis";
    }

    /** A vendor's access log groups and its API's execution log groups. */
    static List<String> logGroupArns(String region, String account, String vendorId, String apiId) {
        String prefix = "arn:aws:logs:" + region + ":" + account + ":log-group:";
        return List.of(prefix + "/apigateway/" + vendorId + "/*",
                prefix + Names.executionLogGroup(apiId, "*"));
    }

    /** Single-account: also the vendor's function log groups. */
    static List<String> singleAccountLogGroupArns(String region, String account, String vendorId, String apiId) {
        List<String> arns = new ArrayList<>(logGroupArns(region, account, vendorId, apiId));
        // Lambda creates /aws/lambda/NAME itself, untagged: only the name prefix can scope it.
        arns.add(functionLogGroupArn(region, account, vendorId));
        return arns;
    }

    /** Every log group of the vendor's functions: Lambda writes to /aws/lambda/NAME, NAME with the vendor's prefix. */
    static String functionLogGroupArn(String region, String account, String vendorId) {
        return "arn:aws:logs:" + region + ":" + account + ":log-group:" + Names.lambdaLogGroupPrefix(vendorId) + "*";
    }

    static String functionArn(String region, String account, String vendorId) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + Names.namePrefix(vendorId) + "*";
    }

    /** The function and its versions and aliases (NAME:QUALIFIER). */
    static List<String> functionArns(String region, String account, String vendorId) {
        String f = functionArn(region, account, vendorId);
        return List.of(f, f + ":*");
    }

    /** Every role the core creates for a vendor's functions (its own IAM path). */
    static String functionRolesArn(String account, String vendorId) {
        return "arn:aws:iam::" + account + ":role" + Names.functionRolePath(vendorId) + "*";
    }
}
