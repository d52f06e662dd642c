package org.fedimpute.registry.discovery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Researchers ask which healthy services suit their data best. The fixed path wins over
 * {@code /api/v1/services/{slug}}, and no service may take the slug {@code discover}.
 */
@RestController
class DiscoveryController {

    private final ServiceRanking ranking;

    DiscoveryController(ServiceRanking ranking) {
        this.ranking = ranking;
    }

    @GetMapping("/api/v1/services/discover")
    RankedServices discover(
            @RequestParam(required = false) @Pattern(regexp = "hg19|hg38", message = "must be hg19 or hg38")
                    String build,
            @RequestParam(required = false) @Size(max = 40) String population,
            @RequestParam(required = false) @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @RequestParam(required = false) @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @RequestParam(required = false)
                    @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as ZA")
                    String country,
            @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit) {
        return ranking.rank(new DiscoveryQuery(build, population, latitude, longitude, country, limit));
    }
}
