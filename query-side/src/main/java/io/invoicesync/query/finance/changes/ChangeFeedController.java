package io.invoicesync.query.finance.changes;

import io.invoicesync.kernel.rules.BusinessRuleViolation;
import io.invoicesync.kernel.rules.Refusal;
import io.invoicesync.platform.web.InvalidRequest;
import io.invoicesync.query.finance.changes.FinanceChanges.FinanceChange;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finance's resumable change feed: every Finance row in the order it became visible (an invoice's proposal and lines,
 * then its actuals, then its connections), each with a cursor. A consumer keeps the cursor of the last change it
 * processed and asks again from it, after a stop anywhere: every row exactly once, in order. Where the log is pruned
 * (a retention is set), a cursor older than what is left is answered 410, never with a gap.
 */
@RestController
class ChangeFeedController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final FinanceChanges changes;

    ChangeFeedController(FinanceChanges changes) {
        this.changes = changes;
    }

    /**
     * @param next where to ask from next time: the last change's cursor, or {@code after} again when there was none
     * @param more true when the page was full: ask again at once; false: the feed is caught up for now
     */
    record ChangePage(List<FinanceChange> changes, String next, boolean more) {
    }

    @GetMapping("/api/finance/changes")
    @ApiResponse(responseCode = "200", description = "The changes after the cursor, oldest first, and where to ask next")
    @ApiResponse(responseCode = "410", description = "The changes after this cursor were pruned (a retention is set): "
            + "the problem names the cursor the log now starts after")
    ChangePage changes(@RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        ChangeCursor from = ChangeCursor.parse(after).orElseThrow(() -> InvalidRequest.of("after", "change-cursor",
                "after must be a cursor the feed gave (<tx>-<seq>), or absent to start from the first change"));
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw InvalidRequest.of("limit", "range", "limit must be between 1 and " + MAX_LIMIT);
        }
        List<FinanceChange> page = changes.after(from, size);
        // Read after the page: a pruning that passed this cursor before the page was read shows here, so a page
        // with a gap before it is never served.
        Optional<ChangeCursor> horizon = changes.horizon();
        if (horizon.isPresent() && from.compareTo(horizon.get()) < 0) {
            throw new BusinessRuleViolation("changes-pruned", "after", "The changes up to " + horizon.get()
                    + " were pruned from the log (invoicesync.finance.changes.retention), so the ones after "
                    + from + " cannot all be given: read Finance through its query API, then follow the feed with "
                    + "after=" + horizon.get(), Refusal.GONE);
        }
        String next = page.isEmpty() ? from.toString() : page.get(page.size() - 1).cursor();
        return new ChangePage(page, next, page.size() == size);
    }
}
