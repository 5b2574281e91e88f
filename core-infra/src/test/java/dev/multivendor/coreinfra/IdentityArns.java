package dev.multivendor.coreinfra;

/**
 * The ARNs IAM gives the core's vendor identities, predicted from their names and paths ({@link Names}). The stack
 * itself refers to them only through Terraform references; tests need them to state who makes a request.
 */
final class IdentityArns {

    private IdentityArns() {
    }

    /** The deploy role of one CI environment of a vendor. */
    static String roleArn(String account, String vendorId, String environment) {
        return "arn:aws:iam::" + account + ":role" + Names.IAM_PATH + Names.deployRoleName(vendorId, environment);
    }

    /** The vendor's IAM user. */
    static String userArn(String account, String vendorId) {
        return "arn:aws:iam::" + account + ":user" + Names.IAM_PATH + Names.userName(vendorId);
    }

    /** Single-account model: the role the vendor's functions run as. */
    static String functionRoleArn(String account, String vendorId) {
        return "arn:aws:iam::" + account + ":role" + Names.functionRolePath(vendorId) + Names.functionRoleName(vendorId);
    }
}
