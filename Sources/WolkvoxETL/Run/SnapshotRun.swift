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
        var state = try await context.stateStore.load(pipeline: pipeline.name, report: pipeline.report.name)
        let today = DateSpec.today(in: pipeline.source.timeZone, now: now)
        let id = "snapshot-\(context.runID)"
        let outcome = await context.job.run(nil, snapshotID: id, excludeKeys: Set(state.snapshotKeys ?? []), fallbackDay: today)
        switch outcome {
        case .answered(let answer, let staged, _) where answer.heldCap:
            staged.discardAll()
            // A snapshot cannot be split: say so rather than land a possibly truncated poll.
            return RunOutcome(
                days: [.init(day: today.description, status: .failed, rows: 0, rejects: 0, windows: [],
                             reason: "the snapshot held the cap (\(answer.rows) records) and may be truncated", changed: nil)],
                splits: 0, bytes: 0, stop: nil)
        case .answered(_, let staged, let keys):
            let days = staged.dataDays[id] ?? []
            let rejectDays = staged.rejectDays[id] ?? []
            var reportDays: [RunReport.Day] = []
            var bytes = 0
            for day in days.sorted() {
                let (entry, landed, dayBytes) = try await context.land(day: day, segmentIDs: [id], rejectSegmentIDs: rejectDays.contains(day) ? [id] : [], windows: [], mode: .appendToExisting)
                reportDays.append(entry)
                bytes += dayBytes
                state.landed[day.description] = landed
            }
            if !keys.isEmpty { state.snapshotKeys = keys.sorted() }
            try await context.stateStore.save(state)
            return RunOutcome(days: reportDays, splits: 0, bytes: bytes, stop: nil)
        case .failed(.abandoned):
            // SIGINT/SIGTERM during the poll (how `run --watch` is stopped): the poll is dropped
            // whole, nothing of it landed, and the next run polls again. An interruption, not a
            // failed day.
            return RunOutcome(
                days: [], splits: 0, bytes: 0,
                stop: ETLError(.interrupted, "interrupted: the poll in flight was dropped (nothing of it landed)"))
        case .failed(let failure):
            let reason: String
            switch failure {
            case .failed(let text): reason = text
            case .tooLarge: reason = "the snapshot never came whole"
            case .abandoned: reason = "cancelled"
            }
            return RunOutcome(
                days: [.init(day: today.description, status: .failed, rows: 0, rejects: 0, windows: [], reason: reason, changed: nil)],
                splits: 0, bytes: 0, stop: nil)
        case .stopRun(let error):
            return RunOutcome(days: [], splits: 0, bytes: 0, stop: error)
        }
    }
}
