package org.fedimpute.users.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The password rules, one reason each. */
class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void aLongUncommonPassphraseIsAccepted() {
        assertThat(policy.check("correct horse battery", "ada@example.org")).isEmpty();
        assertThat(policy.check("ünïcödé pässphrase", "ada@example.org")).isEmpty();
    }

    @Test
    void eachRuleGivesItsReason() {
        assertThat(policy.check("short", "ada@example.org"))
                .hasValueSatisfying(r -> assertThat(r).contains("at least"));
        assertThat(policy.check("x".repeat(65), "ada@example.org"))
                .hasValueSatisfying(r -> assertThat(r).contains("at most"));
        assertThat(policy.check("€".repeat(30), "ada@example.org"))
                .hasValueSatisfying(r -> assertThat(r).contains("at most"));
        assertThat(policy.check("Password1234", "ada@example.org"))
                .hasValueSatisfying(r -> assertThat(r).contains("well-known"));
        assertThat(policy.check("lovelace-rules-2026", "lovelace@example.org"))
                .hasValueSatisfying(r -> assertThat(r).contains("e-mail"));
    }
}
