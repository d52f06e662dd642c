/**
 * The Spring Boot auto-configuration every FedImpute service behind the gateway shares, so that request ids, error
 * answers, token validation and operational endpoints behave the same in each of them and are written once.
 */
package org.fedimpute.platform;
