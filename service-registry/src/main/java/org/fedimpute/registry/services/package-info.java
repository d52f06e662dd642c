/**
 * The admin's catalogue of imputation services: what each one is, where it runs and how to reach it. (The lookup
 * other services make by slug lives in {@code directory}, which joins a service with its panels.)
 */
package org.fedimpute.registry.services;
