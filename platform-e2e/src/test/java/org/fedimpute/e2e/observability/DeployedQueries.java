package org.fedimpute.e2e.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names that the deployed Grafana dashboards ({@code deploy/grafana/**}{@code /*.json}) and Prometheus alert
 * rules ({@code deploy/prometheus/rules/*.yml}) query, so that a test against running services can assert that every
 * one of them is really exposed: a renamed meter otherwise leaves a panel empty and an alert silent without anyone
 * noticing.
 */
public final class DeployedQueries {

    /** Series Prometheus makes up itself rather than scraping from a service. */
    private static final Set<String> SYNTHETIC = Set.of(
            "up",
            "scrape_duration_seconds",
            "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling",
            "scrape_series_added",
            "ALERTS",
            "ALERTS_FOR_STATE");

    /** PromQL's keywords and the names of special values, which look like metric names but are not. */
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "atan2",
            "inf",
            "nan",
            "start",
            "end");

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_]\\w*\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$");
    private static final Pattern RULE_FIELD = Pattern.compile("^(\\s*)(?:-\\s+)?(expr|record):\\s*(.*)$");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SortedMap<String, SortedSet<String>> usedBy;

    private DeployedQueries(SortedMap<String, SortedSet<String>> usedBy) {
        this.usedBy = usedBy;
    }

    /** Reads the dashboards and rules of the repository that holds the working directory (or its parents). */
    public static DeployedQueries ofRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "No deploy/ directory above " + Path.of("").toAbsolutePath());
        }
        return read(dir);
    }

    /** Reads {@code deploy/grafana/**}{@code /*.json} and {@code deploy/prometheus/rules/*.yml} under this root. */
    public static DeployedQueries read(Path repositoryRoot) {
        Path deploy = repositoryRoot.resolve("deploy");
        SortedMap<String, SortedSet<String>> usedBy = new TreeMap<>();
        Set<String> recorded = new TreeSet<>();
        for (Path dashboard : files(deploy.resolve("grafana"), ".json")) {
            String source = repositoryRoot.relativize(dashboard).toString();
            dashboardQueries(JSON.readTree(contentOf(dashboard)))
                    .forEach(query -> use(usedBy, metricNames(query), source));
        }
        for (Path rules : files(deploy.resolve("prometheus").resolve("rules"), ".yml")) {
            String source = repositoryRoot.relativize(rules).toString();
            RuleFile file = RuleFile.parse(contentOf(rules));
            recorded.addAll(file.recorded());
            file.expressions().forEach(expression -> use(usedBy, metricNames(expression), source));
        }
        usedBy.keySet().removeAll(recorded);
        return new DeployedQueries(usedBy);
    }

    /** Every metric name queried, as Prometheus names it (dots as underscores, counters with {@code _total}). */
    public SortedSet<String> metricNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(usedBy.keySet()));
    }

    /** The files (relative to the repository root) that query this metric; empty when none does. */
    public SortedSet<String> usedBy(String metric) {
        return Collections.unmodifiableSortedSet(usedBy.getOrDefault(metric, new TreeSet<>()));
    }

    /**
     * The metric names one PromQL expression selects: string literals, label matchers, label lists of {@code by},
     * {@code on} and the like, ranges, Grafana variables, function and aggregation names and keywords dropped.
     */
    public static SortedSet<String> metricNames(String promql) {
        String stripped = QUOTED.matcher(promql).replaceAll(" ");
        stripped = GRAFANA_VARIABLE.matcher(stripped).replaceAll(" ");
        stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
        stripped = stripped.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^\\]]*\\]", " ");
        SortedSet<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group();
            if (precededByNumber(stripped, identifier.start())
                    || followedByCall(stripped, identifier.end())
                    || KEYWORDS.contains(name.toLowerCase(Locale.ROOT))
                    || SYNTHETIC.contains(name)) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean precededByNumber(String text, int start) {
        return start > 0 && (Character.isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '.');
    }

    private static boolean followedByCall(String text, int end) {
        int next = end;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        return next < text.length() && text.charAt(next) == '(';
    }

    /** The panels' PromQL and the metric-based template variables' queries of one dashboard. */
    private static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        collectExpressions(dashboard, queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString("") : query.asString("");
            variableQuery(text).ifPresent(queries::add);
        }
        return queries;
    }

    private static void collectExpressions(JsonNode node, List<String> queries) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isString() && !expr.asString().isBlank()) {
                queries.add(expr.asString());
            }
        }
        if (node.isObject() || node.isArray()) {
            for (JsonNode child : node) {
                collectExpressions(child, queries);
            }
        }
    }

    /** The PromQL inside a Grafana variable query: label_values(series, label) or query_result(expr). */
    private static Optional<String> variableQuery(String text) {
        for (Pattern pattern : List.of(LABEL_VALUES, QUERY_RESULT)) {
            Matcher matcher = pattern.matcher(text);
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static void use(Map<String, SortedSet<String>> usedBy, Set<String> names, String source) {
        names.forEach(
                name -> usedBy.computeIfAbsent(name, key -> new TreeSet<>()).add(source));
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentOf(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code expr} and {@code record} values of a Prometheus rule file, read line by line: a plain or quoted value
     * on the key's line, or a block scalar ({@code |}, {@code >}) indented below it.
     */
    record RuleFile(List<String> expressions, Set<String> recorded) {

        static RuleFile parse(String yaml) {
            List<String> expressions = new ArrayList<>();
            Set<String> recorded = new TreeSet<>();
            String[] lines = yaml.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                Matcher field = RULE_FIELD.matcher(lines[i]);
                if (!field.matches()) {
                    continue;
                }
                String value = field.group(3).strip();
                if (value.startsWith("|") || value.startsWith(">")) {
                    int keyIndent = field.group(1).length();
                    StringBuilder block = new StringBuilder();
                    while (i + 1 < lines.length && (lines[i + 1].isBlank() || indent(lines[i + 1]) > keyIndent)) {
                        block.append(lines[++i].strip()).append('\n');
                    }
                    value = block.toString().strip();
                } else {
                    value = scalar(value);
                }
                if (field.group(2).equals("record")) {
                    recorded.add(value);
                } else {
                    expressions.add(value);
                }
            }
            return new RuleFile(expressions, recorded);
        }

        private static int indent(String line) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            return indent;
        }

        /** A plain value up to its comment, or a quoted one up to its closing quote, unquoted. */
        private static String scalar(String value) {
            if (value.startsWith("'")) {
                StringBuilder text = new StringBuilder();
                for (int i = 1; i < value.length(); i++) {
                    if (value.charAt(i) == '\'') {
                        if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                            text.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    text.append(value.charAt(i));
                }
                return text.toString();
            }
            if (value.startsWith("\"")) {
                StringBuilder text = new StringBuilder();
                for (int i = 1; i < value.length() && value.charAt(i) != '"'; i++) {
                    char next = value.charAt(i);
                    if (next == '\\' && i + 1 < value.length()) {
                        next = value.charAt(++i);
                    }
                    text.append(next);
                }
                return text.toString();
            }
            int comment = value.indexOf(" #");
            return comment < 0 ? value : value.substring(0, comment).strip();
        }
    }
}
