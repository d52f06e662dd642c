/**
 * Test support shared by every FedImpute module: real embedded PostgreSQL and Redis, a JWT issuer, the
 * architecture rules, synthetic genotype data, and the embedded infrastructure behind {@code ./platform up}.
 */
package org.fedimpute.test;
