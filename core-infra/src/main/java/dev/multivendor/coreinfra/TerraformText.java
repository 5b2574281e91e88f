package dev.multivendor.coreinfra;

/**
 * Strings as Terraform reads them in the synthesized JSON, where every string is a template: literal text (IAM policy
 * variables), and the REST API id put into a policy template at apply.
 */
final class TerraformText {

    /** Stands for the REST API id in the policy templates kept in local.vendors; replaced at apply. */
    static final String API_ID_PLACEHOLDER = "__API_ID__";

    private TerraformText() {
    }

    /**
     * Text Terraform must take literally: its JSON syntax reads every string as a template, so an IAM policy
     * variable such as {@code ${aws:PrincipalTag/vendor}} is escaped as {@code $${…}} (Terraform turns it back into
     * {@code ${…}}; `terraform validate` rejects the unescaped form). Policies without variables are unchanged.
     */
    static String literal(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    /**
     * An expression that puts the API's real id into a template at apply: {@code template} is a Terraform expression
     * (e.g. {@code each.value.policy}), {@code apiIdReference} an interpolation such as {@code ${aws_….id}}.
     */
    static String withApiId(String template, String apiIdReference) {
        return "${replace(" + template + ", \"" + API_ID_PLACEHOLDER + "\", "
                + apiIdReference.substring(2, apiIdReference.length() - 1) + ")}";
    }
}
