package org.fedimpute.jobs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Durable imputation jobs, dispatched to Michigan-type servers, GA4GH WES nodes and the platform's own node. */
@SpringBootApplication
public class JobProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(JobProcessorApplication.class, args);
    }
}
