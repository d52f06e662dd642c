package org.fedimpute.users.accounts;

/** Architecture fixture: the feature's service, the one legitimate user of its repository. */
public class AccountService {

    final AccountRepository accounts;

    AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }
}
