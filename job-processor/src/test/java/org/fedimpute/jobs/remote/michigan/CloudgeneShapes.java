package org.fedimpute.jobs.remote.michigan;

/** Answers of a Cloudgene 3 server, in the shapes PROTOCOLS.md section 1 records. */
final class CloudgeneShapes {

    static final String JOB_ID = "job-20261123-104842-603";

    static final String SUBMITTED = """
            {"success":true,"message":"Your job was successfully added to the job queue.","id":"%s"}
            """.formatted(JOB_ID);

    static final String WAITING = """
            {"id":"%s","name":"chr20 study","state":1,"positionInQueue":3,"submittedOn":1763894922000,
             "startTime":0,"endTime":0,"applicationId":"imputationserver2","steps":[],"outputParams":[]}
            """.formatted(JOB_ID);

    static final String RUNNING = """
            {"id":"%s","name":"chr20 study","state":2,"positionInQueue":0,"steps":[
              {"id":1,"name":"Input Validation","logMessages":[{"message":"1 valid VCF file(s) found.","type":0,"time":1}]},
              {"id":2,"name":"Quality Control","logMessages":[
                {"message":"Calculating QC Statistics","type":3,"time":2},
                {"message":"<b>Statistics:</b> <br>Alternative allele frequency > 0.5 sites: 12","type":0,"time":3}]}],
             "outputParams":[]}
            """.formatted(JOB_ID);

    static final String EXPORTING = """
            {"id":"%s","state":3,"positionInQueue":0,"steps":[
              {"id":3,"name":"Imputation","logMessages":[{"message":"Exporting data...","type":3,"time":4}]}],
             "outputParams":[]}
            """.formatted(JOB_ID);

    static final String SUCCESS = """
            {"id":"%s","state":4,"positionInQueue":0,"steps":[
              {"id":4,"name":"Data Compression and Encryption","logMessages":[{"message":"Data have been exported successfully.","type":0,"time":5}]}],
             "outputParams":[
              {"id":10,"name":"output","download":true,"hash":"p1","files":[
                {"name":"chr_20.zip","path":"job-20261123-104842-603/output/chr_20.zip","hash":"9f8e7d6c","size":"82 MB","count":10},
                {"name":"results.md5","path":"job-20261123-104842-603/output/results.md5","hash":"1a2b3c4d","size":"84 bytes","count":10}]},
              {"id":11,"name":"logfile","download":true,"hash":"p2","files":[
                {"name":"job.txt","path":"job-20261123-104842-603/logfile/job.txt","hash":"5e6f7a8b","size":"2 KB","count":10}]},
              {"id":12,"name":"local","download":false,"hash":"p3","files":[
                {"name":"chunks.txt","path":"job-20261123-104842-603/local/chunks.txt","hash":"0c0d0e0f","size":"1 KB"}]}]}
            """.formatted(JOB_ID);

    static final String FAILED = """
            {"id":"%s","state":5,"positionInQueue":0,"steps":[
              {"id":1,"name":"Input Validation","logMessages":[{"message":"1 valid VCF file(s) found.","type":0,"time":1}]},
              {"id":2,"name":"Quality Control","logMessages":[
                {"message":"Calculating QC Statistics","type":0,"time":2},
                {"message":"<b>Error:</b> More than 100 obvious strand flips have been detected.<br>Please check strand.","type":1,"time":3}]}],
             "outputParams":[{"id":10,"name":"output","download":true,"hash":"p1","files":[]}]}
            """.formatted(JOB_ID);

    static final String FAILED_WITHOUT_STEPS = """
            {"id":"%s","state":5,"positionInQueue":0,"steps":[],"outputParams":[]}
            """.formatted(JOB_ID);

    static final String CANCELED = """
            {"id":"%s","state":6,"positionInQueue":0,"steps":[],"outputParams":[]}
            """.formatted(JOB_ID);

    static final String DELETED = """
            {"id":"%s","state":10,"positionInQueue":0,"steps":[],"outputParams":[]}
            """.formatted(JOB_ID);

    /**
     * {@code /status} of a job that has ended and so left Cloudgene's engine: read from its database without its output
     * parameters and steps, which only {@code /api/v2/jobs/{id}} (the full record) has.
     */
    static String ended(int state) {
        return """
                {"id":"%s","state":%d,"positionInQueue":0,"steps":[],"outputParams":[]}
                """.formatted(JOB_ID, state);
    }

    static final String UNAUTHORIZED = """
            {"_links":{"self":{"href":"/api/v2/jobs/%s/status","templated":false}},
             "_embedded":{"errors":[{"message":"Unauthorized"}]},"message":"Unauthorized"}
            """.formatted(JOB_ID);

    static final String TOO_MANY_JOBS = """
            {"success":false,"message":"Only 2 jobs per user can be executed simultaneously."}
            """;

    static final String NOT_FOUND = """
            {"success":false,"message":"Job job-20990101-000000-000 not found."}
            """;

    private CloudgeneShapes() {}
}
