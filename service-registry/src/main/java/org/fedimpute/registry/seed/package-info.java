/**
 * Seed data: services and panels a known deployment starts with (local mode's own imputation node and its demo
 * panel), entered once and then left to the admins.
 */
package org.fedimpute.registry.seed;
