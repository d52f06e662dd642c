package org.fedimpute.users.web;

import org.fedimpute.users.accounts.AccountRepository;
import org.springframework.web.bind.annotation.RestController;

/** Architecture fixture: a controller in another package reaching straight into a repository. */
@RestController
public class AccountController {

    final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }
}
