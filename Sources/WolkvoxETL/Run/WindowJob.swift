import FlatExport
import Foundation
import Logging
import WolkvoxAPI

/// What became of one request.
enum WindowOutcome: Sendable {
    /// The answer arrived; its parts are finished in staging (`staged`) and wait for the machine.
    case answered(WindowAnswer, staged: StagedAnswer, keys: Set<String>)
    /// No answer: too large, retries spent, or abandoned.
    case failed(WindowFailure)
    /// The run must stop: token refused, quota or budget spent, server unreachable, `on_error: fail`, a disk error.
    case stopRun(ETLError)
}

/// Fetches one window: one call (plus retries), records streamed through the transform into
/// staging. A retried attempt discards what it wrote, so nothing is landed twice.
struct WindowJob: Sendable {
    let pipeline: Pipeline
    let client: WolkvoxClient
    /// `var`: a snapshot's poll stamps its time on its rows (``RecordTransformer/stamped(at:)``).
    var transformer: RecordTransformer
    let staging: DayStaging
    let rejects: DayStaging
    let budget: CallBudget
    let retry: RetryPolicy
    let slots: TokenSlots
    let logger: Logger
    /// What each lane adds to the query; a request names its lane.
    let lanes: [ParameterLane]
    let parameterColumns: ParameterColumns

    /// Busy answers waited out per window before it counts as failed (0.5 s doubling to 32 s).
    static let busyWaitLimit = 9
    /// Answers that never came whole (time limit, timeout, reset) before a window is asked smaller.
    static let sizeFailureLimit = 2

    /// `request` nil: a snapshot (no range) of `snapshotLane`, staged under `snapshotID`.
    func run(_ request: ExtractionRequest?, snapshotID: String = "snapshot", excludeKeys: Set<String> = [],
             fallbackDay: LocalDay? = nil, snapshotLane: Int = 0) async -> WindowOutcome {
        let window = request?.window
        let lane = lanes[request?.lane ?? snapshotLane]
        let cap = pipeline.source.maxRecordsPerRequest
        var attempt = 0
        var busyWaits = 0
        var sizeFailures = 0
        while true {
            attempt += 1
            guard budget.take() else {
                return .stopRun(ETLError(.quota, "the call budget of this run (source.max_calls = \(pipeline.source.maxCalls)) is spent; run again to continue: landed days are kept"))
            }
            let writer = WindowWriter(request: request, report: pipeline.report, transformer: transformer,
                                      staging: staging, rejects: rejects, snapshotID: snapshotID, excludeKeys: excludeKeys,
                                      parameterColumns: parameterColumns, lane: lane)
            if let fallbackDay { writer.fallbackDay = fallbackDay }
            do {
                let result = try await slots.withSlot {
                    try await client.fetchBatches(report: pipeline.report, window: window, parameters: lane.parameters) { batch in
                        try await writer.handle(batch)
                    }
                }
                let heldCap = result.records >= cap
                try await writer.finish(heldCap: heldCap)
                budget.noteAnswer(records: result.records, notFound: result.httpStatus == 404)
                logger.debug("window answered", metadata: [
                    "window.start": "\(window?.start.description ?? "snapshot")",
                    "window.end": "\(window?.end.description ?? "snapshot")", "rows": "\(result.records)",
                    "cut": "\(heldCap)",
                ])
                let answer = WindowAnswer(
                    rows: result.records, heldCap: heldCap, seconds: writer.seconds, keepable: writer.keepable,
                    windowTotal: Self.windowTotal(msg: result.envelope?.msg, received: result.records))
                return .answered(answer, staged: writer.staged(), keys: writer.keys)
            } catch let error as WolkvoxAPIError {
                writer.discard()
                if let stop = ETLError(endingRunOn: error) { return .stopRun(stop) }
                // An answer too big to come whole in time is not helped by asking it again at
                // the same size: after a second such failure the machine asks it smaller.
                // A window of a day or less that stalls is more likely a stalled server than too many
                // rows: it keeps its attempts and fails its day as before.
                if Self.failsBySize(error.kind), let window,
                    window.seconds > 86_400 || (error.kind == .serverTimeLimit && window.seconds > 1) {
                    sizeFailures += 1
                    if sizeFailures >= Self.sizeFailureLimit || error.kind == .serverTimeLimit {
                        logger.warning("window never came whole: asking it smaller", metadata: [
                            "window.start": "\(window.start)", "window.end": "\(window.end)", "error": "\(error.description)",
                        ])
                        return .failed(.tooLarge)
                    }
                }
                // A busy token is not a fault of this request: it clears when the other holder's
                // requests end, which the server may keep running up to its 60 s limit after their
                // client gave up or was killed. It waits on its own doubling clock (0.5 s ... 32 s,
                // about two minutes in all) instead of spending the window's attempts.
                let busy = error.kind == .tokenBusy && busyWaits < Self.busyWaitLimit
                guard error.isRetryable, busy || attempt < retry.attempts else {
                    return .failed(.failed(reason: ETLError.reason(windowFailedWith: error)))
                }
                budget.noteRetry()
                let delay: Duration
                if busy {
                    busyWaits += 1
                    attempt -= 1
                    delay = max(error.retryAfter ?? .zero, .milliseconds(500) * (1 << min(busyWaits - 1, 6)))
                } else {
                    delay = retry.delay(forAttempt: attempt, retryAfter: error.retryAfter)
                }
                logger.warning("retrying window", metadata: [
                    "window.start": "\(window?.start.description ?? "snapshot")",
                    "window.end": "\(window?.end.description ?? "snapshot")", "attempt": "\(attempt)",
                    "delay": "\(delay)", "error": "\(error.description)",
                ])
                do { try await Task.sleep(for: delay) } catch { return .failed(.abandoned) }
            } catch let error as TransformFailure {
                writer.discard()
                return .stopRun(ETLError(.daysFailed, error.description))
            } catch let error as FlatExportError {
                writer.discard()
                return .stopRun(ETLError(.io, "\(error)"))
            } catch is CancellationError {
                writer.discard()
                return .failed(.abandoned)
            } catch {
                writer.discard()
                return .failed(.failed(reason: "\(error)"))
            }
        }
    }

    /// Errors that a smaller window may avoid: the API's time limit, a timeout, a reset mid-answer.
    static func failsBySize(_ kind: WolkvoxAPIError.Kind) -> Bool {
        switch kind {
        case .timeout, .transport: true
        case .serverTimeLimit: true
        default: false
        }
    }

    /// The window's total when `msg` ("N records were found") says more than the answer held:
    /// then it counts the window, not the answer. Never relied on, only used to size windows.
    static func windowTotal(msg: String?, received: Int) -> Int? {
        guard let msg else { return nil }
        let digits = msg.drop { !$0.isNumber }.prefix { $0.isNumber }
        guard let total = Int(digits), total > received else { return nil }
        return total
    }
}

/// `on_error: fail` met a value that does not coerce.
struct TransformFailure: Error, CustomStringConvertible {
    var field: String
    var value: String?
    var reason: String
    var window: Window?

    var description: String {
        "field '\(field)' in window \(window?.description ?? "snapshot"): \(reason) (transform.on_error is fail; use reject to keep going and land bad records under _wolkvox/rejects/)"
    }
}
