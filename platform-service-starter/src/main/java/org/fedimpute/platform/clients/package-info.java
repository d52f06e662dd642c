/** Calls from one platform service to another, each carrying the caller's own service token. */
package org.fedimpute.platform.clients;
