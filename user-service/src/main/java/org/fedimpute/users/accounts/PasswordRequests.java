package org.fedimpute.users.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fedimpute.users.validation.NoControlCharacters;

/** The requests of the password endpoints; none of them prints a password or token. */
final class PasswordRequests {

    private PasswordRequests() {}

    record ChangePassword(
            @NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(max = 200) String newPassword) {

        @Override
        public String toString() {
            return "ChangePassword[***]";
        }
    }

    record RequestReset(
            @NotBlank @Email @Size(max = 254) @NoControlCharacters
            String email) {}

    record ConfirmReset(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(max = 200) String newPassword) {

        @Override
        public String toString() {
            return "ConfirmReset[***]";
        }
    }
}
