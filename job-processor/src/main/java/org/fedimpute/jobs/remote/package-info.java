/**
 * The remote imputation servers jobs are sent to, behind one protocol-neutral seam: {@link
 * org.fedimpute.jobs.remote.RemoteServer} answers in platform terms ({@link org.fedimpute.jobs.remote.RemoteState}),
 * whatever the server speaks (Cloudgene v2 for Michigan-type servers, GA4GH WES 1.1 for nodes such as the
 * platform's own), and signals trouble with the {@link org.fedimpute.jobs.remote.RemoteFailure} family so the job
 * lifecycle can tell "try again later" from "this job cannot succeed".
 */
package org.fedimpute.jobs.remote;
