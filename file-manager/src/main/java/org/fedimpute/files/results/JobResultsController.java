package org.fedimpute.files.results;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.records.StoredContent;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A job's owner, an admin or a platform service export the job's results as a CSV listing or a zip. */
@RestController
@RequestMapping("/api/v1/files/jobs/{jobId}")
class JobResultsController {

    private final FileRecords records;
    private final JobResultExport export;

    JobResultsController(FileRecords records, JobResultExport export) {
        this.records = records;
        this.export = export;
    }

    @GetMapping("/results.csv")
    void csv(@PathVariable UUID jobId, Authentication authentication, HttpServletResponse response) throws IOException {
        List<StoredContent> results = records.results(jobId, Caller.of(authentication));
        prepare(response, "text/csv;charset=UTF-8", "job-" + jobId + "-results.csv");
        export.writeCsv(results, response.getOutputStream());
    }

    @GetMapping("/results.zip")
    void zip(@PathVariable UUID jobId, Authentication authentication, HttpServletResponse response) throws IOException {
        List<StoredContent> results = records.results(jobId, Caller.of(authentication));
        prepare(response, "application/zip", "job-" + jobId + "-results.zip");
        export.writeZip(results, response.getOutputStream());
    }

    private static void prepare(HttpServletResponse response, String contentType, String fileName) {
        response.setContentType(contentType);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName).build().toString());
    }
}
