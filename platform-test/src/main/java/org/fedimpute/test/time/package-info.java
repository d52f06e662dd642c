/** A clock tests can move, for time limits, expiries and schedules. */
package org.fedimpute.test.time;
