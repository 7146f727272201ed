package io.invoicesync.query.tools;

import io.invoicesync.query.QuerySideApplication;

/**
 * The query side's jar entry point: {@code java -jar query-side.jar replay …} or {@code … reconcile …} runs that tool
 * and exits; anything else starts the app. The tools live here, apart from the app: the app knows nothing of them.
 */
public final class QuerySideMain {

    private QuerySideMain() {
    }

    public static void main(String[] args) {
        if (ReplayCommandLine.isReplay(args)) {
            ReplayCommandLine.main(args);
        } else if (ReconcileCommandLine.isReconcile(args)) {
            ReconcileCommandLine.main(args);
        } else {
            QuerySideApplication.main(args);
        }
    }
}
