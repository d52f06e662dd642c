package org.fedimpute.jobs.remote;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A job as it is sent: its parameters in the platform's vocabulary (each client writes them in its protocol's
 * fields) and its input files, opened only when the request body is written.
 *
 * @param jobId the platform's job id, sent as a tag or meta field where the protocol has one
 * @param jobName the researcher's name for the job
 * @param referencePanel the panel's remote key, exactly as the server listed it
 * @param build {@code hg19} or {@code hg38}
 * @param population never blank (Cloudgene breaks on an empty one); {@code mixed} where the researcher chose none
 * @param phasing {@code eagle}, {@code beagle} or {@code no_phasing}
 * @param r2Filter {@code 0}, {@code 0.001}, {@code 0.1}, {@code 0.2} or {@code 0.3}
 * @param mode {@code imputation} or {@code qc_only}
 * @param resultPassword the password the server encrypts results with (Cloudgene); generated per job
 * @param inputs the genotype files
 */
public record RemoteSubmission(
        UUID jobId,
        String jobName,
        String referencePanel,
        String build,
        String population,
        String phasing,
        String r2Filter,
        String mode,
        String resultPassword,
        List<Input> inputs) {

    public RemoteSubmission {
        inputs = List.copyOf(inputs);
    }

    @Override
    public String toString() {
        return "RemoteSubmission[" + jobId + ", panel " + referencePanel + ", " + inputs.size() + " file(s)]";
    }

    /** One input file: its name, its size when known (-1 otherwise) and a way to open its bytes. */
    public record Input(String fileName, long size, Supplier<InputStream> content) {}
}
