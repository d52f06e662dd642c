package org.fedimpute.platform.sample;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.TransactionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/** A minimal service built on the starter, to exercise what the starter promises every service. */
@SpringBootApplication
class SampleApplication {

    /** Fails inside the filter chain, outside any controller, as a broken filter would. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(
                            HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
                        throw new IllegalStateException("filter broke with secret s3cr3t");
                    }
                });
        registration.addUrlPatterns("/api/v1/samples/public/filter-failure");
        return registration;
    }

    record CreateSampleRequest(
            @NotBlank String name, @Min(1) int replicates) {}

    /** A bean validated by Spring's method validation proxy rather than by Spring MVC. */
    @org.springframework.stereotype.Service
    @org.springframework.validation.annotation.Validated
    static class Codes {

        String check(@jakarta.validation.constraints.Pattern(regexp = "[a-z]{3}") String code) {
            return code;
        }
    }

    @RestController
    @RequestMapping("/api/v1/samples")
    static class SampleController {

        private final Codes codes;

        SampleController(Codes codes) {
            this.codes = codes;
        }

        @PostMapping
        CreateSampleRequest create(@Valid @RequestBody CreateSampleRequest request) {
            return request;
        }

        @GetMapping("/{id}")
        long read(@PathVariable @Positive long id) {
            return id;
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("database password is hunter2");
        }

        /** What a JPA transaction throws while PostgreSQL restarts: its connection is refused. */
        @GetMapping("/database-away")
        String databaseAway() {
            throw new CannotCreateTransactionException(
                    "Could not open JPA EntityManager for transaction",
                    new PSQLException(
                            "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct"
                                    + " and that the postmaster is accepting TCP/IP connections.",
                            PSQLState.CONNECTION_UNABLE_TO_CONNECT));
        }

        /** What a transaction whose connection the restarting server cut throws: its rollback fails too. */
        @GetMapping("/database-cut")
        String databaseCut() {
            throw new JpaSystemException(new TransactionException(
                    "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        }

        /** What a write throws when another request changed the same versioned row since it was read. */
        @GetMapping("/changed-meanwhile")
        String changedMeanwhile() {
            throw new ObjectOptimisticLockingFailureException(Sample.class, 42L);
        }

        /** What a call to another platform service throws while that service is down. */
        @GetMapping("/peer-away")
        String peerAway() {
            throw new ResourceAccessException(
                    "I/O error on GET request for \"http://localhost:8004/api/v1/files\": Connection refused");
        }

        @GetMapping("/me")
        List<String> me(Authentication authentication) {
            return authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .sorted()
                    .toList();
        }

        @GetMapping("/validated/{code}")
        String validatedElsewhere(@PathVariable String code) {
            return codes.check(code);
        }

        @GetMapping("/public/ping")
        String ping() {
            return "pong";
        }
    }
}
