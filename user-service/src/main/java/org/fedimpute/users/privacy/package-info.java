/** A researcher's rights over their data: export everything user-service holds about them, delete the account. */
package org.fedimpute.users.privacy;
