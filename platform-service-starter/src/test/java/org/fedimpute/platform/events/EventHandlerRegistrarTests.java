package org.fedimpute.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.JobEvent;
import org.fedimpute.events.JobQueued;
import org.fedimpute.events.UserRegistered;
import org.junit.jupiter.api.Test;

/** Handler methods are checked and grouped into subscriptions when their beans are created. */
class EventHandlerRegistrarTests {

    private final EventHandlerRegistrar registrar = new EventHandlerRegistrar();

    @Test
    void aConsumerGetsOneSubscriptionPerStreamAndAFamilyCoversAllItsTypes() {
        registrar.postProcessAfterInitialization(new Welcome(), "welcome");

        List<EventSubscription> subscriptions = registrar.subscriptions();

        assertThat(subscriptions)
                .extracting(EventSubscription::consumer, EventSubscription::stream)
                .containsExactlyInAnyOrder(tuple("welcome", EventStream.USERS), tuple("welcome", EventStream.JOBS));
        EventSubscription jobs = subscriptions.stream()
                .filter(subscription -> subscription.stream() == EventStream.JOBS)
                .findFirst()
                .orElseThrow();
        assertThat(jobs.handlers().keySet())
                .containsExactlyInAnyOrder(
                        "job.submitted",
                        "job.queued",
                        "job.started",
                        "job.progressed",
                        "job.completed",
                        "job.failed",
                        "job.cancelled");
        assertThat(jobs.handler("user.registered")).isNull();
    }

    @Test
    void aHandlerReceivesThePayloadAndOptionallyTheEnvelope() {
        Welcome welcome = new Welcome();
        registrar.postProcessAfterInitialization(welcome, "welcome");
        EventSubscription users = registrar.subscriptions().stream()
                .filter(subscription -> subscription.stream() == EventStream.USERS)
                .findFirst()
                .orElseThrow();
        EventEnvelope<UserRegistered> envelope =
                EventEnvelope.wrap("/user-service", new UserRegistered(UUID.randomUUID(), "Ada", Instant.now()));
        JobQueued queued = new JobQueued(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, Instant.now());

        users.handler("user.registered").handle(envelope);
        registrar.subscriptions().stream()
                .filter(subscription -> subscription.stream() == EventStream.JOBS)
                .findFirst()
                .orElseThrow()
                .handler("job.queued")
                .handle(EventEnvelope.wrap("/job-processor", queued));

        assertThat(welcome.received).containsExactly(envelope.id(), queued);
    }

    @Test
    void twoMethodsOfOneConsumerForTheSameTypeAreRefused() {
        registrar.postProcessAfterInitialization(new Welcome(), "welcome");
        registrar.postProcessAfterInitialization(new SecondWelcome(), "secondWelcome");

        assertThatThrownBy(registrar::subscriptions)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'welcome'")
                .hasMessageContaining("user.registered")
                .hasMessageContaining("Welcome.registered")
                .hasMessageContaining("SecondWelcome.registered");
    }

    @Test
    void aMethodThatDoesNotTakeAnEventIsRefused() {
        assertThatThrownBy(() -> registrar.postProcessAfterInitialization(new NotAnEvent(), "notAnEvent"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NotAnEvent.on")
                .hasMessageContaining("must take an event");
    }

    @Test
    void aConsumerNameThatIsNotLowerCaseWordsIsRefused() {
        assertThatThrownBy(() -> registrar.postProcessAfterInitialization(new BadConsumerName(), "bad"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Welcome_Mail'");
    }

    static class Welcome {

        final List<Object> received = new ArrayList<>();

        @EventHandler(consumer = "welcome")
        void registered(UserRegistered event, EventEnvelope<UserRegistered> envelope) {
            received.add(envelope.id());
        }

        @EventHandler(consumer = "welcome")
        void job(JobEvent event) {
            received.add(event);
        }
    }

    static class SecondWelcome {

        @EventHandler(consumer = "welcome")
        void registered(UserRegistered event) {}
    }

    static class NotAnEvent {

        @EventHandler(consumer = "welcome")
        void on(String event) {}
    }

    static class BadConsumerName {

        @EventHandler(consumer = "Welcome_Mail")
        void on(UserRegistered event) {}
    }
}
