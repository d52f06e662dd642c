package org.fedimpute.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric names are read out of PromQL with functions, aggregations, keywords, labels, ranges, numbers and Grafana
 * variables left out, from panels, template variables and alert rules alike, and the repository's own dashboards and
 * rules give the names they really query.
 */
class DeployedQueriesTests {

    @TempDir
    Path root;

    @Test
    void onlyTheMetricNamesOfAnExpressionAreKept() {
        assertThat(DeployedQueries.metricNames(
                        "histogram_quantile(0.95, sum by (application, le) (rate(http_server_requests_seconds_bucket"
                                + "{application=~\"$application\",uri!~\"/api/v1/files|.*stream\"}[$__rate_interval])))"
                                + " > 2"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(DeployedQueries.metricNames(
                        "sum(increase(mails_failed_total[30m])) / (sum(increase(mails_sent_total[30m] offset 1h))"
                                + " + sum without (template) (mails_failed_total)) > 0.1 and on (application) up == 1"))
                .containsExactly("mails_failed_total", "mails_sent_total");
        assertThat(DeployedQueries.metricNames(
                        "count(max by (service) (fedimpute_registry_service_up) == 0) or vector(1e3)"))
                .containsExactly("fedimpute_registry_service_up");
        assertThat(DeployedQueries.metricNames(
                        "a_total / ignoring (kind) group_left (tier) b{le=\"+Inf\"} unless c:recorded:rate5m"))
                .containsExactly("a_total", "b", "c:recorded:rate5m");
    }

    @Test
    void panelsVariablesAndRulesAreReadAndRecordedSeriesAreLeftOut() throws IOException {
        Path dashboards = Files.createDirectories(root.resolve("deploy/grafana/dashboards"));
        Files.writeString(dashboards.resolve("one.json"), """
                {"templating": {"list": [
                   {"name": "application", "query": {"query": "label_values(jvm_info{x=\\"y\\"}, application)"}},
                   {"name": "other", "query": "label_values(application)"}]},
                 "panels": [{"type": "row", "panels": [
                   {"targets": [{"expr": "sum(rate(nested_total[5m]))"}, {"expr": ""}]}]},
                   {"targets": [{"expr": "jobs:active:max * on (status) jobs_active"}]}]}
                """);
        Path rules = Files.createDirectories(root.resolve("deploy/prometheus/rules"));
        Files.writeString(rules.resolve("one.yml"), """
                groups:
                  - name: g
                    rules:
                      - record: jobs:active:max
                        expr: max by (status) (jobs_active)
                      - alert: Inline
                        expr: "quoted_gauge > 1" # a comment
                        for: 5m
                      - alert: Block
                        expr: |
                          sum(rate(errors_total[5m]))
                            / sum(rate(requests_total[5m])) > 0.05
                        labels:
                          severity: warning
                        annotations:
                          summary: "not_a_metric {{ $value }}"
                """);

        DeployedQueries queries = DeployedQueries.read(root);

        assertThat(queries.metricNames())
                .containsExactly(
                        "errors_total", "jobs_active", "jvm_info", "nested_total", "quoted_gauge", "requests_total");
        assertThat(queries.usedBy("jobs_active"))
                .containsExactly("deploy/grafana/dashboards/one.json", "deploy/prometheus/rules/one.yml");
        assertThat(queries.usedBy("not_a_metric")).isEmpty();
    }

    @Test
    void theRepositorysDashboardsAndRulesQueryTheServicesMetrics() {
        DeployedQueries queries = DeployedQueries.ofRepository();

        assertThat(queries.metricNames())
                .contains(
                        "http_server_requests_seconds_bucket",
                        "fedimpute_jobs_transitions_total",
                        "fedimpute_jobs_dispatch_due",
                        "fedimpute_registry_service_up",
                        "fedimpute_notifications_mails_failed_total",
                        "hikaricp_connections_active",
                        "lettuce_seconds_count",
                        "disk_free_bytes")
                .doesNotContain("up", "sum", "rate", "by", "application", "le", "status", "histogram_quantile")
                .allSatisfy(name -> assertThat(name).matches("[a-z][a-z0-9_]*"));
        for (String source : List.of(
                "deploy/grafana/dashboards/system-overview.json",
                "deploy/grafana/dashboards/job-analytics.json",
                "deploy/grafana/dashboards/external-services.json",
                "deploy/grafana/dashboards/api-performance.json",
                "deploy/grafana/dashboards/infrastructure.json",
                "deploy/prometheus/rules/fedimpute-alerts.yml")) {
            assertThat(queries.metricNames().stream()
                            .anyMatch(name -> queries.usedBy(name).contains(source)))
                    .as(source)
                    .isTrue();
        }
    }
}
