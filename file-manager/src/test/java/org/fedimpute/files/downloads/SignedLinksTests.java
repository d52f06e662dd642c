package org.fedimpute.files.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.fedimpute.test.time.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class SignedLinksTests {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    private final MovableClock clock = new MovableClock();
    private final SignedLinks links =
            new SignedLinks(new LinkProperties(SECRET, Duration.ofHours(1), Duration.ofDays(7)), clock);
    private final UUID file = UUID.randomUUID();

    @Test
    void aLinkWorksForItsFileUserAndExpiryUntilItExpires() {
        SignedLinks.Signature signature = links.sign(file, "alice", Duration.ofMinutes(10));
        String expires = Long.toString(signature.expires());

        assertThatCode(() -> links.verify(file, "alice", expires, signature.value()))
                .doesNotThrowAnyException();
        clock.advance(Duration.ofMinutes(10));
        assertRefused(() -> links.verify(file, "alice", expires, signature.value()), "expired");
    }

    @Test
    void changingAnyPartOfALinkBreaksIt() {
        SignedLinks.Signature signature = links.sign(file, "alice", null);
        String expires = Long.toString(signature.expires());
        String later = Long.toString(signature.expires() + 86_400);
        char[] flipped = signature.value().toCharArray();
        flipped[3] = flipped[3] == 'A' ? 'B' : 'A';

        assertRefused(() -> links.verify(UUID.randomUUID(), "alice", expires, signature.value()), "not valid");
        assertRefused(() -> links.verify(file, "mallory", expires, signature.value()), "not valid");
        assertRefused(() -> links.verify(file, "alice", later, signature.value()), "not valid");
        assertRefused(() -> links.verify(file, "alice", expires, new String(flipped)), "not valid");
        assertRefused(() -> links.verify(file, "alice", expires, "%%%"), "not valid");
        assertRefused(() -> links.verify(file, "alice", "soon", signature.value()), "not valid");
        assertRefused(() -> links.verify(file, "alice", expires, null), "not valid");
    }

    @Test
    void aLinkSignedWithAnotherKeyIsRefused() {
        SignedLinks other = new SignedLinks(
                new LinkProperties(
                        Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes()),
                        Duration.ofHours(1),
                        Duration.ofDays(7)),
                clock);
        SignedLinks.Signature signature = other.sign(file, "alice", null);
        assertRefused(
                () -> links.verify(file, "alice", Long.toString(signature.expires()), signature.value()), "not valid");
    }

    @Test
    void theLifetimeIsTheDefaultOrWhatWasAskedUpToTheMaximum() {
        long now = clock.instant().getEpochSecond();
        assertThat(links.sign(file, "alice", null).expires() - now).isBetween(3599L, 3600L);
        assertThat(links.sign(file, "alice", Duration.ofDays(7)).expires() - now)
                .isBetween(604_799L, 604_800L);
        assertThatThrownBy(() -> links.sign(file, "alice", Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> links.sign(file, "alice", Duration.ZERO)).isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void theServiceDoesNotStartWithoutAStrongEnoughSecretAndNamesTheSetting() {
        assertThatThrownBy(
                        () -> new SignedLinks(new LinkProperties(null, Duration.ofHours(1), Duration.ofDays(7)), clock))
                .hasMessageContaining("fedimpute.files.links.secret")
                .hasMessageContaining("FEDIMPUTE_FILES_LINKS_SECRET");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() ->
                        new SignedLinks(new LinkProperties(short16, Duration.ofHours(1), Duration.ofDays(7)), clock))
                .hasMessageContaining("at least 32 bytes");
        assertThat(new LinkProperties(SECRET, Duration.ofHours(1), Duration.ofDays(7)).toString())
                .doesNotContain(SECRET);
    }

    private static void assertRefused(Runnable verification, String detail) {
        assertThatThrownBy(verification::run).isInstanceOfSatisfying(ErrorResponseException.class, refused -> {
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat(refused.getBody().getDetail()).contains(detail);
        });
    }
}
