/**
 * The catalogue read through the GA4GH Service Registry API 1.0 ({@code /ga4gh/registry/v1}), so that GA4GH tooling
 * can list the imputation services the platform offers without knowing the platform's own API.
 */
package org.fedimpute.registry.ga4gh;
