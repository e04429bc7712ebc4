import Foundation
import Logging
import WolkvoxAPI

/// A run of a report that takes no range (calls_last_10): one call, its records added to their
/// days without rewriting what is there, skipping records the previous poll already landed.
struct SnapshotRun {
    let context: RunContext
    let now: Date
    let logger: Logger

    func run() async throws -> RunOutcome {
        let pipeline = context.pipeline
        var state = try context.stateStore.load(pipeline: pipeline.name, report: pipeline.report.name)
        let today = DateSpec.today(in: pipeline.source.timeZone, now: now)
        let id = "snapshot-\(context.runID)"
        let outcome = await context.job.run(nil, id: id, excludeKeys: Set(state.snapshotKeys ?? []), fallbackDay: today)
        switch outcome {
        case .arrived(_, _, _, let days, let rejectDays, let keys, _, _):
            var reportDays: [RunReport.Day] = []
            var bytes = 0
            for day in days.sorted() {
                let (entry, landed, dayBytes) = try context.land(day: day, segmentIDs: [id], rejectSegmentIDs: rejectDays.contains(day) ? [id] : [], windows: [], mode: .appendToExisting)
                reportDays.append(entry)
                bytes += dayBytes
                state.landed[day.description] = landed
            }
            if !keys.isEmpty { state.snapshotKeys = keys.sorted() }
            try context.stateStore.save(state)
            return RunOutcome(days: reportDays, splits: 0, bytes: bytes, stop: nil)
        case .hitCap(_, let rows, _, _), .truncated(_, _, let rows, _, _, _, _, _, _):
            // A snapshot cannot be split: say so rather than land a possibly truncated poll.
            return RunOutcome(
                days: [.init(day: today.description, status: .failed, rows: 0, rejects: 0, windows: [],
                             reason: "the snapshot held the cap (\(rows) records) and may be truncated", changed: nil)],
                splits: 0, bytes: 0, stop: nil)
        case .failed(_, let reason):
            return RunOutcome(
                days: [.init(day: today.description, status: .failed, rows: 0, rejects: 0, windows: [], reason: reason, changed: nil)],
                splits: 0, bytes: 0, stop: nil)
        case .stopRun(_, let error):
            return RunOutcome(days: [], splits: 0, bytes: 0, stop: error)
        }
    }
}
