package org.fedimpute.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fedimpute.jobs.remote.RemoteFailure;
import org.fedimpute.jobs.remote.RemoteOutput;
import org.fedimpute.jobs.remote.RemoteServer;
import org.fedimpute.jobs.remote.RemoteState;
import org.fedimpute.jobs.remote.RemoteStatus;
import org.fedimpute.jobs.remote.RemoteSubmission;
import org.fedimpute.jobs.remote.RemoteTarget;

/**
 * A remote server of a kind of its own ({@code SCRIPTED}, beside the real protocol clients) whose answers each test scripts per job name: what each submit does, the states
 * polls see in turn (the last one repeats), what cancel answers, and the outputs' bytes. It records what it was sent.
 * Scripts are kept per JVM, so that two application contexts (an instance restarted) play the same remote server.
 */
public final class ScriptedRemoteServer implements RemoteServer {

    private static final Map<String, Script> byJobName = new ConcurrentHashMap<>();
    private static final Map<String, Script> byRemoteId = new ConcurrentHashMap<>();
    /** Jobs the server took while their submit's answer was lost, by platform job id. */
    private static final Map<UUID, String> takenUnanswered = new ConcurrentHashMap<>();
    /** What a scripted submit answers when the server takes the job but its answer never arrives. */
    private static final String ANSWER_LOST = "answer lost";
    /** What a scripted submit answers when the server takes the job and job-processor stops before storing it. */
    private static final String TAKEN_THEN_STOPPED = "taken, then job-processor stopped";

    /** The script for the job of this name, created empty on first use. */
    public Script script(String jobName) {
        return byJobName.computeIfAbsent(jobName, name -> new Script());
    }

    @Override
    public String kind() {
        return "SCRIPTED";
    }

    @Override
    public String submit(RemoteTarget target, RemoteSubmission submission) {
        Script script = script(submission.jobName());
        int attempt = script.submissions.incrementAndGet();
        script.targets.add(target);
        script.password = submission.resultPassword();
        Supplier<String> outcome = script.submits.poll();
        String remoteId = outcome == null ? null : outcome.get();
        for (RemoteSubmission.Input input : submission.inputs()) {
            try (InputStream content = input.content().get()) {
                script.inputs.add(new String(content.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        boolean answerLost = ANSWER_LOST.equals(remoteId);
        boolean stopped = TAKEN_THEN_STOPPED.equals(remoteId);
        if (remoteId == null || answerLost || stopped) {
            remoteId = "job-" + submission.jobId() + "-" + attempt;
        }
        script.accepted.incrementAndGet();
        byRemoteId.put(remoteId, script);
        if (answerLost) {
            takenUnanswered.put(submission.jobId(), remoteId);
            throw new RemoteFailure.Unavailable("the scripted server's answer was lost", null);
        }
        if (stopped) {
            // The dispatch ends as a stopped process's would: without storing the answer, to be run again later.
            takenUnanswered.put(submission.jobId(), remoteId);
            throw new IllegalStateException("job-processor stopped before it stored the server's answer");
        }
        return remoteId;
    }

    @Override
    public Optional<String> findSubmitted(RemoteTarget target, UUID jobId) {
        String remoteId = takenUnanswered.get(jobId);
        if (remoteId != null) {
            Script script = byRemoteId.get(remoteId);
            if (script.lookupsUnanswered) {
                throw new RemoteFailure.Unavailable("the scripted server does not answer lookups", null);
            }
            script.lookups.incrementAndGet();
        }
        return Optional.ofNullable(remoteId);
    }

    @Override
    public RemoteStatus status(RemoteTarget target, String remoteId) {
        Script script = byRemoteId.get(remoteId);
        script.polls.incrementAndGet();
        if (script.cancels.get() > 0 && script.afterCancel != null) {
            return script.afterCancel.get();
        }
        Supplier<RemoteStatus> next = script.statuses.size() > 1 ? script.statuses.poll() : script.statuses.peek();
        return next == null ? running(null) : next.get();
    }

    @Override
    public RemoteStatus cancel(RemoteTarget target, String remoteId) {
        Script script = byRemoteId.get(remoteId);
        script.cancels.incrementAndGet();
        return script.onCancel.get();
    }

    @Override
    public <T> T download(RemoteTarget target, RemoteOutput output, Function<InputStream, T> sink) {
        Script script = byRemoteId.values().stream()
                .filter(candidate -> candidate.outputs.containsKey(output.name()))
                .findFirst()
                .orElseThrow();
        script.downloads.incrementAndGet();
        return sink.apply(new ByteArrayInputStream(script.outputs.get(output.name())));
    }

    public static RemoteStatus queued(Integer position) {
        return new RemoteStatus(RemoteState.QUEUED, "1", position, null, null, null, List.of());
    }

    public static RemoteStatus running(String step) {
        return new RemoteStatus(RemoteState.RUNNING, "2", 0, step, step == null ? null : step + " started", null, null);
    }

    public static RemoteStatus failed(String reason) {
        return new RemoteStatus(RemoteState.FAILED, "5", null, null, null, reason, null);
    }

    public static RemoteStatus cancelled() {
        return new RemoteStatus(RemoteState.CANCELLED, "6", null, null, null, null, null);
    }

    public static RemoteStatus preempted() {
        return new RemoteStatus(RemoteState.PREEMPTED, "PREEMPTED", null, null, null, null, null);
    }

    /** One job's scripted behaviour and what the server saw of it. */
    public static final class Script {

        private final Deque<Supplier<String>> submits = new ConcurrentLinkedDeque<>();
        private final Deque<Supplier<RemoteStatus>> statuses = new ConcurrentLinkedDeque<>();
        private final Map<String, byte[]> outputs = new ConcurrentHashMap<>();
        private volatile Supplier<RemoteStatus> onCancel = ScriptedRemoteServer::cancelled;
        private volatile Supplier<RemoteStatus> afterCancel;
        public final AtomicInteger submissions = new AtomicInteger();
        public final AtomicInteger lookups = new AtomicInteger();
        public final AtomicInteger accepted = new AtomicInteger();
        public final AtomicInteger polls = new AtomicInteger();
        public final AtomicInteger cancels = new AtomicInteger();
        public final AtomicInteger downloads = new AtomicInteger();
        public final List<RemoteTarget> targets = new CopyOnWriteArrayList<>();
        public final List<String> inputs = new CopyOnWriteArrayList<>();
        public volatile String password;
        /** While true, a lookup of a submit whose answer was lost fails as an unreachable server's does. */
        public volatile boolean lookupsUnanswered;

        /** The next submits throw these, in order; later ones succeed. */
        public Script submitsFail(RuntimeException... failures) {
            for (RuntimeException failure : failures) {
                submits.add(() -> {
                    throw failure;
                });
            }
            return this;
        }

        /** The next submit is taken by the server, but its answer is lost on the way back (a timeout). */
        public Script answerLostOnce() {
            submits.add(() -> ANSWER_LOST);
            return this;
        }

        /** The next submit is taken by the server, and job-processor stops before it stores the answer. */
        public Script takenThenStoppedOnce() {
            submits.add(() -> TAKEN_THEN_STOPPED);
            return this;
        }

        /** Every submit throws this. */
        public Script submitsAlwaysFail(RuntimeException failure) {
            for (int i = 0; i < 10_000; i++) {
                submitsFail(failure);
            }
            return this;
        }

        /** Polls see these states in turn; the last repeats. */
        public Script statuses(RemoteStatus... answers) {
            for (RemoteStatus answer : answers) {
                statuses.add(() -> answer);
            }
            return this;
        }

        /** Each poll (once the states scripted before are used up) sees what this answers at that moment. */
        public Script statusesFrom(Supplier<RemoteStatus> answer) {
            statuses.add(answer);
            return this;
        }

        /** Forgets the states scripted so far, so that later polls (of a retry) see only what is scripted next. */
        public Script clearStatuses() {
            statuses.clear();
            return this;
        }

        /** The job completes offering these outputs (name → content). */
        public Script completesWith(Map<String, String> files) {
            List<RemoteOutput> offered = new ArrayList<>();
            files.forEach((name, content) -> {
                outputs.put(name, content.getBytes(StandardCharsets.UTF_8));
                offered.add(new RemoteOutput(name, "/share/results/hash/" + name, content.length()));
            });
            statuses.add(() -> new RemoteStatus(RemoteState.COMPLETED, "4", null, null, null, null, offered));
            return this;
        }

        /** The first cancel throws {@code failure} (the server busy or away); later ones answer as configured. */
        public Script firstCancelFails(RuntimeException failure) {
            Supplier<RemoteStatus> answer = onCancel;
            AtomicBoolean failed = new AtomicBoolean();
            onCancel = () -> {
                if (failed.compareAndSet(false, true)) {
                    throw failure;
                }
                return answer.get();
            };
            return this;
        }

        /** What cancel answers, and what polls see once the job was asked to cancel. */
        public Script onCancel(RemoteStatus answer, RemoteStatus afterwards) {
            onCancel = () -> answer;
            afterCancel = () -> afterwards;
            return this;
        }
    }
}
