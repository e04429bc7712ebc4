import Hummingbird
import WolkvoxAPI

/// The time the API's query takes before the first byte of a records answer: in proportion to
/// the rows it scans, whatever the cap lets through, up to PHP's execution time limit.
extension MockServer {
    /// Holds the answer while the query would run. Past `executionLimitRows`, answers PHP's fatal
    /// error page with 200 after `executionLimitDelay` (the page frees `slot`); else nil, and the
    /// records follow.
    /// - Parameter total: the window's rows, before the cap.
    func runQuery(report: ReportSpec, window: Window, total: Int, slot: MockState.Slot, plan: FaultPlan) async -> Response? {
        let limit = configuration.executionLimitRows
        let perRow = configuration.queryTimePerRow
        guard limit != nil || perRow > .zero else { return nil }
        // cdr_6 sends a few counts but scans every call it counts.
        let scanned = report.name == ReportCatalog.cdr6.name
            ? dataset.resultCounts(in: window).reduce(0) { $0 + $1.1 }
            : total
        if let limit, scanned > limit {
            state.recordExecutionLimitHit()
            if plan.stall == .midBody {  // nothing to stall in: stall before the head instead
                state.recordFault(.slow)
                try? await Task.sleep(for: configuration.faults.slowDelay)
            }
            try? await Task.sleep(for: configuration.executionLimitDelay)
            let script = MockRules.apiPrefix + report.endpoint.rawValue
            return Self.page(status: 200, html: MockRules.executionTimeLimitPage(script: script), retryAfter: nil, slot: slot)
        }
        if perRow > .zero && scanned > 0 {
            try? await Task.sleep(for: perRow * scanned)
        }
        return nil
    }
}
