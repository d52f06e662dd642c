package org.fedimpute.users.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password must be, following NIST SP 800-63B: long enough, not absurdly long (BCrypt reads 72 bytes),
 * not a well-known password, and not the account's own e-mail name. No composition rules.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 64;
    static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = Set.of(
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "iloveyou1234",
            "passwordpassword",
            "letmein12345",
            "administrator",
            "welcome12345",
            "changeme1234",
            "imputation123",
            "genotype1234");

    /** The reason a password is refused, or empty if it is acceptable. */
    public Optional<String> check(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("is a well-known password");
        }
        String name = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (name.length() >= 4 && lower.contains(name)) {
            return Optional.of("must not contain your e-mail name");
        }
        return Optional.empty();
    }
}
