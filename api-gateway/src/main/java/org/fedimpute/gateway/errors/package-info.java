/** The gateway's own answers when it does not pass a request on: RFC 9457 problems with the request id. */
package org.fedimpute.gateway.errors;
