package org.fedimpute.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The event contracts as a consumer sees them on the wire: CloudEvents attribute names and a complete catalogue. */
class EventContractTests {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void anEnvelopeIsWrittenWithTheCloudEventsAttributeNames() {
        UUID jobId = UUID.randomUUID();
        JobCompleted completed = new JobCompleted(
                jobId, UUID.randomUUID(), UUID.randomUUID(), List.of(UUID.randomUUID()), Instant.now());

        JsonNode written = json.readTree(json.writeValueAsString(EventEnvelope.wrap("/job-processor", completed)));

        assertThat(fieldNames(written))
                .containsExactlyInAnyOrder(
                        "id", "source", "type", "specversion", "time", "subject", "datacontenttype", "data");
        assertThat(written.get("specversion").asString()).isEqualTo("1.0");
        assertThat(written.get("type").asString()).isEqualTo("job.completed");
        assertThat(written.get("subject").asString()).isEqualTo(jobId.toString());
        assertThat(written.get("source").asString()).isEqualTo("/job-processor");
        assertThat(fieldNames(written.get("data"))).doesNotContain("subject");
    }

    @Test
    void aConsumerReadsThePayloadBackThroughTheCatalogue() {
        PanelSynced synced =
                new PanelSynced(UUID.randomUUID(), "michigan", 2, 1, 0, Instant.parse("2026-11-23T10:00:00Z"));
        String wire = json.writeValueAsString(EventEnvelope.wrap("/service-registry", synced));

        JsonNode envelope = json.readTree(wire);
        EventType type = EventType.fromTypeName(envelope.get("type").asString());
        Object payload = json.treeToValue(envelope.get("data"), type.payloadType());

        assertThat(payload).isEqualTo(synced);
        assertThat(type.stream()).isEqualTo(EventStream.REGISTRY);
    }

    @Test
    void everyEventRecordHasExactlyOneCatalogueEntryOnItsProducersStream() {
        Set<Class<?>> records = concreteEvents(PlatformEvent.class).collect(Collectors.toSet());
        Set<Class<?>> catalogued =
                Arrays.stream(EventType.values()).map(EventType::payloadType).collect(Collectors.toSet());
        assertThat(catalogued).isEqualTo(records).hasSize(EventType.values().length);

        Map<Class<?>, EventStream> streamOfFamily = Map.of(
                UserEvent.class, EventStream.USERS,
                RegistryEvent.class, EventStream.REGISTRY,
                FileEvent.class, EventStream.FILES,
                JobEvent.class, EventStream.JOBS);
        for (EventType type : EventType.values()) {
            EventStream expected = streamOfFamily.entrySet().stream()
                    .filter(family -> family.getKey().isAssignableFrom(type.payloadType()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow();
            assertThat(type.stream()).as(type.typeName()).isEqualTo(expected);
        }
    }

    /** Notices of something still ahead, the one kind of event not named in the past tense. */
    private static final Set<String> ADVANCE_NOTICES = Set.of("file.expiring");

    @Test
    void typeNamesArePastTenseAndNamespacedByProducer() {
        for (EventType type : EventType.values()) {
            String tense = ADVANCE_NOTICES.contains(type.typeName()) ? "ing" : "(ed|ted)";
            assertThat(type.typeName()).matches("(user|service|panel|file|job)\\.[a-z-]+" + tense);
        }
    }

    @Test
    void anUnknownTypeIsNamedInTheError() {
        assertThatThrownBy(() -> EventType.fromTypeName("job.exploded"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job.exploded");
    }

    @Test
    void anEnvelopeMissingARequiredAttributeIsRefused() {
        FileUploaded uploaded =
                new FileUploaded(UUID.randomUUID(), UUID.randomUUID(), "a.vcf.gz", 10, "ab", Instant.now());
        assertThatThrownBy(() -> new EventEnvelope<>(
                        " ", "/file-manager", "file.uploaded", "1.0", Instant.now(), "s", "application/json", uploaded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
    }

    @Test
    void aResetTokenNeverAppearsInTheEventsTextForm() {
        PasswordResetRequested reset = new PasswordResetRequested(UUID.randomUUID(), "s3cret-token", Instant.now());
        assertThat(reset.toString()).doesNotContain("s3cret-token");
    }

    private static Stream<Class<?>> concreteEvents(Class<?> type) {
        if (type.isRecord()) {
            return Stream.of(type);
        }
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(EventContractTests::concreteEvents);
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
