package org.fedimpute.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The platform's own GA4GH WES imputation node, running Beagle; deployable at partner sites. */
@SpringBootApplication
public class ImputationNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImputationNodeApplication.class, args);
    }
}
