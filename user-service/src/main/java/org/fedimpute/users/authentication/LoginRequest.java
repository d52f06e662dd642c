package org.fedimpute.users.authentication;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fedimpute.users.validation.NoControlCharacters;

/** E-mail and password, to log in. */
record LoginRequest(
        @NotBlank @Size(max = 254) @NoControlCharacters String email,
        @NotBlank @Size(max = 200) String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=***]";
    }
}
