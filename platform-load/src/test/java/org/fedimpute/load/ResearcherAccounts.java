package org.fedimpute.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fedimpute.e2e.journey.Credential;
import org.fedimpute.e2e.journey.Gateway;

/**
 * Prepares the simulated researchers before the clock starts: each registers, logs in and uploads the demo genotypes
 * once, straight at user-service and file-manager (with the journey's HTTP calls), so that the measured run holds only
 * what researchers do all day and the gateway's per-address limit on anonymous calls does not throttle the set-up.
 */
final class ResearcherAccounts {

    private static final String PASSWORD = "load-test passphrase 2026";

    private final LoadSettings settings;
    private final Gateway users;
    private final Gateway files;

    private ResearcherAccounts(LoadSettings settings) {
        this.settings = settings;
        this.users = new Gateway(settings.services().get("users"));
        this.files = new Gateway(settings.services().get("files"));
    }

    /** One feeder record per researcher: {@code token} (an access token) and {@code fileId} (their upload). */
    static List<Map<String, Object>> prepare(LoadSettings settings) {
        ResearcherAccounts accounts = new ResearcherAccounts(settings);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Map<String, Object>>> prepared = new ArrayList<>();
            for (int i = 0; i < settings.users(); i++) {
                String email = "load-" + run + "-" + i + "@example.org";
                prepared.add(pool.submit(() -> accounts.researcher(email)));
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (Future<Map<String, Object>> researcher : prepared) {
                records.add(researcher.get());
            }
            System.out.printf("Prepared %d researchers (run %s), each with one uploaded file%n", records.size(), run);
            return records;
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare the researchers: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> researcher(String email) {
        Gateway.read(users.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", PASSWORD, "name", "Load Researcher", "institution", "FedImpute")));
        String token = (String)
                Gateway.read(users.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD)))
                        .get("accessToken");
        Object fileId = Gateway.read(files.upload(
                        "/api/v1/files",
                        Credential.bearer(token),
                        Map.of("declaredBuild", "hg38"),
                        settings.genotypes()))
                .get("id");
        return Map.of("token", token, "fileId", fileId);
    }
}
