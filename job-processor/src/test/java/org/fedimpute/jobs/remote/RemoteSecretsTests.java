package org.fedimpute.jobs.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tokens and result passwords never show in what gets logged. */
class RemoteSecretsTests {

    @Test
    void aTargetShowsNeitherItsTokenNorItsLength() {
        RemoteTarget target = RemoteFixtures.target("mis", "https://imputationserver.sph.umich.edu");

        assertThat(target.toString())
                .contains("mis", "https://imputationserver.sph.umich.edu", "****")
                .doesNotContain(RemoteFixtures.TOKEN);
    }

    @Test
    void aSubmissionShowsNeitherThePasswordNorTheFiles() {
        RemoteSubmission submission = RemoteFixtures.submission(RemoteFixtures.file("chr20.vcf.gz", "secret data"));

        assertThat(submission.toString())
                .contains("apps@1000g-phase-3-v5@2.0.0", "1 file(s)")
                .doesNotContain(RemoteFixtures.PASSWORD, "secret data");
    }
}
