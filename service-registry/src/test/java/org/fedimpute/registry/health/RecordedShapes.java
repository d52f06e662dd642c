package org.fedimpute.registry.health;

/** Health answers in the shapes the real servers send (PROTOCOLS.md), for the stubs of the health tests. */
final class RecordedShapes {

    /** {@code GET /api/v2/server} of a Cloudgene 3 server, as a signed-in caller sees it. */
    static final String MICHIGAN_SERVER = """
            {"name":"Michigan Imputation Server","user":null,
             "apps":[{"id":"imputationserver2","name":"Genotype Imputation (Minimac4)","version":"2.0.0"}]}
            """;

    /** The same without a token, as the probe sees it: no apps are listed. */
    static final String MICHIGAN_SERVER_ANONYMOUS = """
            {"name":"Michigan Imputation Server","user":null,"apps":[]}
            """;

    /** {@code GET /service-info} of a WES 1.1 node: GA4GH service-info plus the WES fields, engines as objects. */
    static final String WES_1_1_SERVICE_INFO = """
            {"id":"org.fedimpute.node.cape-town","name":"FedImpute imputation node",
             "type":{"group":"org.ga4gh","artifact":"wes","version":"1.1.0"},
             "organization":{"name":"University of Cape Town","url":"https://uct.ac.za"},"version":"0.1.0",
             "workflow_type_versions":{"IMPUTATION":{"workflow_type_version":["1.0"]}},
             "supported_wes_versions":["1.1.0"],"supported_filesystem_protocols":["http","https"],
             "workflow_engine_versions":{"beagle":{"workflow_engine_version":["5.4"]}},
             "default_workflow_engine_parameters":[],"system_state_counts":{"QUEUED":0,"RUNNING":1},
             "auth_instructions_url":"https://node.example.org/auth","tags":{}}
            """;

    /** {@code GET /service-info} of a WES 1.0 node: no GA4GH identity, engine versions as plain strings. */
    static final String WES_1_0_SERVICE_INFO = """
            {"workflow_type_versions":{"CWL":{"workflow_type_version":["v1.0"]}},
             "supported_wes_versions":["1.0.0"],"supported_filesystem_protocols":["file","http"],
             "workflow_engine_versions":{"cwltool":"3.1.20240112164112"},
             "default_workflow_engine_parameters":[],"system_state_counts":{"COMPLETE":12},
             "auth_instructions_url":"https://wes.example.org/auth","tags":{}}
            """;

    /** What a misconfigured proxy or a login page answers with status 200. */
    static final String LOGIN_PAGE = "<html><body><form>password: hunter2</form></body></html>";

    private RecordedShapes() {}
}
