/**
 * The admin's catalogue of imputation services: what each one is, where it runs and how to reach it, and the
 * lookup other services use to find one by slug.
 */
package org.fedimpute.registry.services;
