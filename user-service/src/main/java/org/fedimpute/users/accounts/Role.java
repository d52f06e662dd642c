package org.fedimpute.users.accounts;

/** What an account may do on the platform. */
public enum Role {
    RESEARCHER,
    ADMIN
}
