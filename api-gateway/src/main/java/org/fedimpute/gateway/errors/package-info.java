/** The gateway's own answers when it cannot pass a request on: RFC 9457 problems with the request id. */
package org.fedimpute.gateway.errors;
