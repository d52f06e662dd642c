package org.fedimpute.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

class TokenUsersTests {

    @Test
    void aUsersTokenNamesTheUserAndAServicesTokenIsRefusedWith403() {
        UUID user = UUID.randomUUID();

        assertThat(TokenUsers.userOf(token(user.toString()))).isEqualTo(user);
        for (String notAUser : new String[] {"service:job-processor", "job-processor", ""}) {
            assertThatThrownBy(() -> TokenUsers.userOf(token(notAUser)))
                    .isInstanceOfSatisfying(
                            ErrorResponseException.class,
                            refused ->
                                    assertThat(refused.getStatusCode().value()).isEqualTo(403));
        }
    }

    private static Jwt token(String subject) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject(subject)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
    }
}
