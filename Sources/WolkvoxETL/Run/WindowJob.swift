import FlatExport
import Foundation
import Logging
import WolkvoxAPI

/// What became of one window.
enum WindowOutcome: Sendable {
    /// Every record arrived; the window's segments are finished and wait for their days' commit.
    /// `hours` counts the rows per day and hour, for the density the state keeps.
    /// `oldestSeen` is the oldest second of a dated record received.
    case arrived(Window?, rows: Int, rejects: Int, days: Set<LocalDay>, rejectDays: Set<LocalDay>, keys: Set<String>, hours: [LocalDay: [Int]], oldestSeen: Int?)
    /// The response held the cap, so it may be truncated; its rows came in time order, so the
    /// part `kept` arrived whole (segments finished) and the rest of the window is to be asked again.
    /// `undo` removes the kept part's files, should the runner find the API does not cut at the
    /// oldest end after all.
    case truncated(Window, kept: Window, rows: Int, rejects: Int, days: Set<LocalDay>, rejectDays: Set<LocalDay>, hours: [LocalDay: [Int]], oldestSeen: Int?, undo: KeptPartUndo)
    /// The response held the cap and nothing of it could be kept (rows out of order, undated, or
    /// a snapshot): its rows were discarded. `revealed` counts what it showed per hour bucket;
    /// `oneSecond` is set when every record was of that one second, which then alone holds the cap.
    case hitCap(Window?, rows: Int, revealed: [Int: Int], oneSecond: LocalDateTime?)
    /// The window exhausted its retries (or failed for good): the days it covers fail.
    case failed(Window?, reason: String)
    /// The run must stop: token refused, quota or budget spent, `on_error: fail`.
    case stopRun(Window?, ETLError)
}

/// Fetches one window: one call (plus retries), records streamed through the transform into
/// per-day segments. A retried or truncated attempt discards what it wrote, so nothing is landed twice.
struct WindowJob: Sendable {
    let pipeline: Pipeline
    let client: WolkvoxClient
    let transformer: RecordTransformer
    let staging: DayStaging
    let rejects: DayStaging
    let budget: CallBudget
    let retry: RetryPolicy
    let slots: TokenSlots
    let logger: Logger

    /// Busy answers waited out per window before it counts as failed (0.5 s doubling to 32 s).
    static let busyWaitLimit = 9

    /// `keepTruncated`: whether a response cut at the cap may be kept up to its oldest second
    /// (false once the run has seen the API cut elsewhere).
    func run(_ window: Window?, id: String, excludeKeys: Set<String> = [], fallbackDay: LocalDay? = nil, keepTruncated: Bool = true) async -> WindowOutcome {
        let cap = pipeline.source.maxRecordsPerRequest
        var attempt = 0
        var busyWaits = 0
        while true {
            attempt += 1
            guard budget.take() else {
                return .stopRun(
                    window,
                    ETLError(.quota, "the call budget of this run (source.max_calls = \(pipeline.source.maxCalls)) is spent; run again to continue: landed days are kept"))
            }
            let writer = WindowWriter(window: window, id: id, report: pipeline.report, transformer: transformer,
                                      staging: staging, rejects: rejects, excludeKeys: excludeKeys)
            if let fallbackDay { writer.fallbackDay = fallbackDay }
            do {
                let result = try await slots.withSlot {
                    try await client.fetch(report: pipeline.report, window: window) { record in
                        try writer.handle(record)
                    }
                }
                if result.records >= cap {
                    switch try writer.finishTruncated(cap: cap, keep: keepTruncated) {
                    case .kept(let kept, let rows, let rejected, let days, let rejectDays):
                        logger.debug("window held the cap: kept its whole seconds", metadata: [
                            "window.start": "\(kept.start)", "window.end": "\(kept.end)", "rows": "\(rows)",
                        ])
                        return .truncated(window!, kept: kept, rows: rows, rejects: rejected, days: days, rejectDays: rejectDays, hours: writer.hours,
                                          oldestSeen: writer.oldestSeen, undo: KeptPartUndo(writer))
                    case .oneSecond(let second):
                        return .hitCap(window, rows: result.records, revealed: [:], oneSecond: second)
                    case .discarded(let revealed):
                        return .hitCap(window, rows: result.records, revealed: revealed, oneSecond: nil)
                    }
                }
                let (rows, rejected, days, rejectDays) = try writer.finish()
                logger.debug("window arrived", metadata: [
                    "window.start": "\(window?.start.description ?? "snapshot")",
                    "window.end": "\(window?.end.description ?? "snapshot")", "rows": "\(rows)",
                ])
                return .arrived(window, rows: rows, rejects: rejected, days: days, rejectDays: rejectDays, keys: writer.keys, hours: writer.hours,
                                oldestSeen: writer.oldestSeen)
            } catch let error as WolkvoxAPIError {
                writer.discard()
                switch error.kind {
                case .tokenRefused:
                    return .stopRun(window, ETLError(.auth, error.description))
                case .quotaExceeded:
                    return .stopRun(window, ETLError(.quota, error.description))
                default:
                    break
                }
                // A busy token is not a fault of this request: it clears when the other holder's
                // requests end, which the server may keep running up to its 60 s limit after their
                // client gave up or was killed. It waits on its own doubling clock (0.5 s ... 32 s,
                // about two minutes in all) instead of spending the window's attempts.
                let busy = error.kind == .tokenBusy && busyWaits < Self.busyWaitLimit
                guard error.isRetryable, busy || attempt < retry.attempts else {
                    return .failed(window, reason: error.description)
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
                do { try await Task.sleep(for: delay) } catch { return .failed(window, reason: "cancelled") }
            } catch let error as TransformFailure {
                writer.discard()
                return .stopRun(window, ETLError(.daysFailed, error.description))
            } catch let error as FlatExportError {
                writer.discard()
                return .stopRun(window, ETLError(.io, "\(error)"))
            } catch is CancellationError {
                writer.discard()
                return .failed(window, reason: "cancelled")
            } catch {
                writer.discard()
                return .failed(window, reason: "\(error)")
            }
        }
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

/// Removes the files of a truncated window's kept part, finished but not landed yet.
///
/// - Important: `@unchecked Sendable`: the window task that wrote the files returns it with its
///   outcome and never touches the writer again; only the runner calls it, at most once.
final class KeptPartUndo: @unchecked Sendable {
    private let writer: WindowWriter

    init(_ writer: WindowWriter) { self.writer = writer }

    func callAsFunction() { writer.discard() }
}
