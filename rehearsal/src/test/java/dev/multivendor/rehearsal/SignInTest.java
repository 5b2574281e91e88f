package dev.multivendor.rehearsal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rehearsal's own check of a deploy role's trust (moto does not evaluate trust policies). */
class SignInTest {

    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":
            "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"},
            "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{
            "token.actions.githubusercontent.com:aud":"sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub":["repo:vendor-a/feedback-api:environment:dev",
            "repo:vendor-a/feedback-api:environment:prod"]}}}]}""";

    @Test
    void theTrustedSubjectsAreReadFromTheRolesTrustPolicy() {
        assertEquals(List.of("repo:vendor-a/feedback-api:environment:dev", "repo:vendor-a/feedback-api:environment:prod"),
                RehearsalEnvironment.subjectsOf(TRUST));
    }

    @Test
    void aSubjectMatchesExactlyOrByStringLikeWildcards() {
        assertTrue(RehearsalEnvironment.globMatches("repo:vendor-a/feedback-api:environment:dev",
                "repo:vendor-a/feedback-api:environment:dev"));
        assertTrue(RehearsalEnvironment.globMatches("repo:vendor-a/*:environment:dev",
                "repo:vendor-a/feedback-api:environment:dev"));
        assertFalse(RehearsalEnvironment.globMatches("repo:vendor-a/feedback-api:environment:dev",
                "repo:vendor-b/support-tickets-api:environment:dev"));
        assertFalse(RehearsalEnvironment.globMatches("repo:vendor-a/feedback-api:environment:dev",
                "repo:vendor-a/feedback-api:environment:devx"));
    }
}
