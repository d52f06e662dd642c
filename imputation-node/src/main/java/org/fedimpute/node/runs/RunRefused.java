package org.fedimpute.node.runs;

/** A run request the node will not take, with the reason in words the researcher understands (a WES 400). */
public class RunRefused extends RuntimeException {

    public RunRefused(String reason) {
        super(reason);
    }
}
