package io.invoicesync.query.realtime;

import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Called by the command side inside a confirm request when no async job owns the table maps. */
@RestController
class RealTimeSyncController {

    private final RealTimeSync realTime;

    RealTimeSyncController(RealTimeSync realTime) {
        this.realTime = realTime;
    }

    @PostMapping("/api/real-time-sync/invoices/{invoiceId}")
    RealTimeSync.Result sync(@PathVariable UUID invoiceId) {
        return realTime.sync(invoiceId);
    }
}
