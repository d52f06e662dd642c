/** The platform's own services as clients of user-service: their credentials and the tokens they get. */
package org.fedimpute.users.services;
