package org.fedimpute.registry.ga4gh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fedimpute.registry.RegistryApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GA4GH tooling reads the offered services, their types and the registry's own service-info, without a token. */
class Ga4ghRegistryTests extends RegistryApiTest {

    private static final String BASE = "/ga4gh/registry/v1";
    private static final String PREFIX = "org.fedimpute.registry.";

    @Test
    void theListingDescribesOfferedServicesAndLeavesOutSwitchedOffOnes() {
        register(service("ga4gh-wes", "GA4GH_WES", "http://wes.example.org:8010/ga4gh/wes/v1/", true));
        register(service("ga4gh-michigan", "MICHIGAN", "https://imputation.example.org", true));
        register(service("ga4gh-paused", "GA4GH_WES", "https://paused.example.org/ga4gh/wes/v1", false));

        JsonNode services = body(get(BASE + "/services", null), 200);

        assertThat(ids(services))
                .contains(PREFIX + "ga4gh-wes", PREFIX + "ga4gh-michigan")
                .doesNotContain(PREFIX + "ga4gh-paused");
        JsonNode wes = byId(services, PREFIX + "ga4gh-wes");
        assertThat(wes.get("name").asString()).isEqualTo("Service ga4gh-wes");
        assertThat(wes.get("description").asString()).isEqualTo("about ga4gh-wes");
        assertThat(wes.get("type").toString())
                .isEqualTo("{\"group\":\"org.ga4gh\",\"artifact\":\"wes\",\"version\":\"1.1.0\"}");
        assertThat(wes.get("url").asString()).isEqualTo("http://wes.example.org:8010/ga4gh/wes/v1");
        assertThat(wes.get("organization").toString())
                .isEqualTo("{\"name\":\"wes.example.org\",\"url\":\"http://wes.example.org:8010\"}");
        assertThat(wes.get("environment").asString()).isEqualTo("prod");
        assertThat(wes.get("createdAt").asString()).isNotBlank();
        assertThat(wes.get("version").asString())
                .isEqualTo(wes.get("updatedAt").asString().replaceAll("\\.\\d+", ""));
        assertThat(wes.has("contactUrl")).isFalse();
        assertThat(byId(services, PREFIX + "ga4gh-michigan").get("type").toString())
                .isEqualTo("{\"group\":\"io.cloudgene\",\"artifact\":\"cloudgene-api\",\"version\":\"2\"}");
    }

    @Test
    void oneServiceIsFoundByItsIdAndAnythingElseIsAProblemWith404() {
        register(service("ga4gh-one", "GA4GH_WES", "https://one.example.org/ga4gh/wes/v1", true));
        register(service("ga4gh-off", "GA4GH_WES", "https://off.example.org/ga4gh/wes/v1", false));

        JsonNode one = body(get(BASE + "/services/" + PREFIX + "ga4gh-one", null), 200);
        assertThat(one.get("id").asString()).isEqualTo(PREFIX + "ga4gh-one");
        assertThat(one.get("url").asString()).isEqualTo("https://one.example.org/ga4gh/wes/v1");

        assertProblem(get(BASE + "/services/" + PREFIX + "ga4gh-off", null), 404);
        assertProblem(get(BASE + "/services/" + PREFIX + "no-such-service", null), 404);
        assertProblem(get(BASE + "/services/ga4gh-one", null), 404);
        assertProblem(get(BASE + "/services/com.example.ga4gh-one", null), 404);
    }

    @Test
    void typesAreTheDistinctTypesOfOfferedServices() {
        register(service("ga4gh-types-a", "GA4GH_WES", "https://a.example.org/ga4gh/wes/v1", true));
        register(service("ga4gh-types-b", "GA4GH_WES", "https://b.example.org/ga4gh/wes/v1", true));

        JsonNode types = body(get(BASE + "/services/types", null), 200);

        List<String> listed = types.valueStream().map(JsonNode::toString).toList();
        assertThat(listed)
                .doesNotHaveDuplicates()
                .contains("{\"group\":\"org.ga4gh\",\"artifact\":\"wes\",\"version\":\"1.1.0\"}");
        List<String> ofServices = body(get(BASE + "/services", null), 200)
                .valueStream()
                .map(service -> service.get("type").toString())
                .distinct()
                .toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ofServices);
    }

    @Test
    void serviceInfoDescribesTheRegistryItself() {
        JsonNode info = body(get(BASE + "/service-info", null), 200);

        assertThat(info.get("id").asString()).isEqualTo("org.fedimpute.registry");
        assertThat(info.get("type").toString())
                .isEqualTo("{\"group\":\"org.ga4gh\",\"artifact\":\"service-registry\",\"version\":\"1.0.0\"}");
        assertThat(info.get("name").asString()).isNotBlank();
        assertThat(info.get("organization").get("name").asString()).isEqualTo("FedImpute");
        assertThat(info.get("organization").get("url").asString()).startsWith("http");
        assertThat(info.get("version").asString()).isNotBlank();
        assertThat(info.get("environment").asString()).isEqualTo("prod");
        assertThat(info.has("url")).isFalse();
    }

    @Test
    void aTokenIsNeitherNeededNorInTheWay() {
        assertThat(get(BASE + "/services", null).statusCode()).isEqualTo(200);
        assertThat(get(BASE + "/services", researcher()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/services", null).statusCode()).isEqualTo(401);
    }

    private static String service(String slug, String kind, String baseUrl, boolean active) {
        return """
                {"slug":"%s","name":"Service %s","kind":"%s","baseUrl":"%s","description":"about %s",
                 "supportedBuilds":["hg38"],"active":%s}
                """.formatted(slug, slug, kind, baseUrl, slug, active);
    }

    private static List<String> ids(JsonNode services) {
        return services.valueStream()
                .map(service -> service.get("id").asString())
                .toList();
    }

    private static JsonNode byId(JsonNode services, String id) {
        return services.valueStream()
                .filter(service -> service.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
