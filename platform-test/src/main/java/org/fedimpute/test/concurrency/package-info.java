/** Requests sent together, as racing clients send them. */
package org.fedimpute.test.concurrency;
