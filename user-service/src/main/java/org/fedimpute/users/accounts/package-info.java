/** Researchers' and admins' accounts: registration, the password policy, the profile. */
package org.fedimpute.users.accounts;
