package org.fedimpute.jobs.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the lifecycle paces and bounds its work.
 *
 * @param pollInterval the first wait between status polls of a sent job
 * @param pollBackoff the factor each poll's wait grows by, so long jobs are polled less often
 * @param maxPollInterval the longest wait between polls
 * @param dispatchRetry the first wait before sending again a job the server was too busy or unreachable for
 * @param maxDispatchRetry the longest such wait
 * @param remoteGoneLimit how long a server may stay unreachable before its jobs fail (there is no limit on how long a
 *     job that the server does answer for may run)
 * @param cancelTimeout how long to wait for a server to confirm a cancellation before calling the job cancelled
 * @param cancelAskInterval how long after an ask to cancel a job began a poll may ask the server again while it has not
 *     confirmed; longer than a call to the server can take with its timeouts and retries (about three minutes with
 *     the defaults), so that two asks are never under way at once
 * @param unexpectedErrorRetry the wait before running a job's task again after it threw something unexpected (the
 *     database away, a bug)
 * @param unexpectedErrorsBeforeFailing after this many such throws in a row (an hour with the defaults) the job fails,
 *     saying so, rather than stay unfinished unnoticed
 */
@ConfigurationProperties("fedimpute.jobs")
record LifecycleProperties(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("1.5") double pollBackoff,
        @DefaultValue("5m") Duration maxPollInterval,
        @DefaultValue("30s") Duration dispatchRetry,
        @DefaultValue("10m") Duration maxDispatchRetry,
        @DefaultValue("6h") Duration remoteGoneLimit,
        @DefaultValue("30m") Duration cancelTimeout,
        @DefaultValue("5m") Duration cancelAskInterval,
        @DefaultValue("30s") Duration unexpectedErrorRetry,
        @DefaultValue("120") int unexpectedErrorsBeforeFailing) {}
