/** Rules on the text user-service takes in, shared by its features. */
package org.fedimpute.users.validation;
