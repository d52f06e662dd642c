/**
 * The client for Michigan-type imputation servers (Michigan Imputation Server, TOPMed, AfriGen-D), which speak
 * Cloudgene's v2 API: submit, poll, cancel and download exactly as PROTOCOLS.md section 1 records it.
 */
package org.fedimpute.jobs.remote.michigan;
