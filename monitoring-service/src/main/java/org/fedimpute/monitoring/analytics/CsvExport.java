package org.fedimpute.monitoring.analytics;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.util.ReflectionUtils;

/**
 * Writes a section of a report as CSV (RFC 4180): a header of the record's component names, then one line per row.
 * Text that a spreadsheet would run as a formula (a failure reason from a remote server, say) is prefixed with an
 * apostrophe.
 */
final class CsvExport {

    private CsvExport() {}

    static String write(Class<? extends Record> type, List<? extends Record> rows) {
        RecordComponent[] components = type.getRecordComponents();
        for (RecordComponent component : components) {
            ReflectionUtils.makeAccessible(component.getAccessor());
        }
        StringBuilder csv = new StringBuilder();
        csv.append(Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(",")))
                .append("\r\n");
        for (Record row : rows) {
            csv.append(Arrays.stream(components)
                            .map(component -> cell(ReflectionUtils.invokeMethod(component.getAccessor(), row)))
                            .collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof CharSequence)) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
