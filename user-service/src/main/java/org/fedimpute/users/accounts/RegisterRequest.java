package org.fedimpute.users.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fedimpute.users.validation.NoControlCharacters;

/** What a researcher gives to open an account. */
record RegisterRequest(
        @NotBlank @Email @Size(max = 254) @NoControlCharacters
        String email,

        @NotBlank @Size(max = 200) String password,
        @NotBlank @Size(max = 120) @NoControlCharacters String name,
        @Size(max = 200) @NoControlCharacters String institution) {

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", password=***, name=" + name + ", institution=" + institution + "]";
    }
}
