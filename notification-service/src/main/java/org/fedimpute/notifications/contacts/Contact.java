package org.fedimpute.notifications.contacts;

/**
 * How to reach a user, as user-service knows it right now.
 *
 * @param email the account's own address
 * @param name the display name, for the greeting
 * @param active false once an admin disabled the account; nothing is mailed to it then
 */
public record Contact(String email, String name, boolean active) {

    /** What stands for an account user-service no longer knows. */
    static final Contact GONE = new Contact(null, null, false);
}
