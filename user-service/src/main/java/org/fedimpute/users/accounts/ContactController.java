package org.fedimpute.users.accounts;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * How to reach an account holder, for the platform's services only ({@code /internal/**} needs a service token):
 * notification-service mails the user's real address, and only while the account is active.
 */
@RestController
class ContactController {

    private final AccountService accounts;

    ContactController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/internal/users/{id}/contact")
    ContactResponse contact(@PathVariable UUID id) {
        return accounts.find(id)
                .map(ContactResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such account."));
    }

    /**
     * An account's e-mail address and name, and whether it may be written to.
     *
     * @param email the address the user registered with
     * @param name the display name, for the greeting
     * @param active false while an admin has disabled the account
     */
    record ContactResponse(String email, String name, boolean active) {

        static ContactResponse of(UserAccount account) {
            return new ContactResponse(account.email(), account.displayName(), account.enabled());
        }
    }
}
