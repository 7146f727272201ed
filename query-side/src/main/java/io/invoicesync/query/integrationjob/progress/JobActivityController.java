package io.invoicesync.query.integrationjob.progress;

import io.invoicesync.platform.web.Paging;
import io.invoicesync.platform.web.Paging.Page;
import io.invoicesync.query.syncstate.SyncProgressReader;
import io.invoicesync.query.syncstate.SyncProgressReader.Activity;
import io.invoicesync.query.syncstate.SyncProgressReader.Run;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What was done to a job, with who and when, and its runs. */
@RestController
class JobActivityController {

    private final SyncProgressReader progress;

    JobActivityController(SyncProgressReader progress) {
        this.progress = progress;
    }

    /**
     * Newest first: created, saved, runs, stops, retries and dismissals. A retry or dismissal of every failed invoice
     * has an empty list of ids; of many, the first 100.
     */
    @GetMapping("/api/integration-jobs/{jobId}/activity")
    Page<Activity> activity(@PathVariable UUID jobId, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        JobsOf.require(progress, jobId);
        return progress.activity(jobId, paging);
    }

    /** Runs shown, at most: a job run every day for two months. */
    static final int RUNS = 60;

    /**
     * The job's runs, newest first: who ran and stopped each, when, rows written, its average rate and its pace over
     * its span, invoices synced and errors met.
     */
    @GetMapping("/api/integration-jobs/{jobId}/runs")
    List<Run> runs(@PathVariable UUID jobId) {
        JobsOf.require(progress, jobId);
        return progress.runs(jobId, RUNS);
    }

    /**
     * The whole activity as CSV, newest first, for a spreadsheet or an audit file: when (UTC, ISO 8601), action, who,
     * run, how many invoices, their ids (the first 100), and why. Fields are quoted where they hold a comma, a quote
     * or a line break, and a text that a spreadsheet would take for a formula is prefixed with an apostrophe.
     */
    @GetMapping(value = "/api/integration-jobs/{jobId}/activity.csv", produces = "text/csv")
    ResponseEntity<String> activityCsv(@PathVariable UUID jobId) {
        JobsOf.require(progress, jobId);
        StringBuilder csv = new StringBuilder("occurred_at_utc,action,user,run_id,invoice_count,invoice_ids,reason\r\n");
        for (int page = 0; ; page++) {
            Page<Activity> activity = progress.activity(jobId, Paging.of(page, Paging.MAX_SIZE));
            for (Activity a : activity.content()) {
                csv.append(String.join(",", field(a.at()), field(a.action()), field(a.user()), field(a.runId()),
                        field(a.invoiceCount()), field(a.invoiceIds() == null ? null : a.invoiceIds().stream()
                                .map(UUID::toString).collect(Collectors.joining(" "))), field(a.reason())))
                        .append("\r\n");
            }
            if ((long) (page + 1) * Paging.MAX_SIZE >= activity.totalElements()) {
                break;
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"job-" + jobId + "-activity.csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8")).body(csv.toString());
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is defused (CSV injection). */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
