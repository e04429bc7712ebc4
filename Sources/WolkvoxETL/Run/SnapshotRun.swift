import Foundation
import Logging
import WolkvoxAPI

/// A run of a report that takes no range (calls_last_10): one call per parameter value, their
/// records added to their days without rewriting what is there, skipping records the previous
/// poll already landed. A day lands only with every value's records: one value failing fails
/// the poll.
struct SnapshotRun {
    let context: RunContext
    let now: Date
    let logger: Logger

    func run() async throws -> RunOutcome {
        let pipeline = context.pipeline
        var state = try await context.stateStore.load(pipeline: pipeline.name, report: pipeline.report.name)
        let today = DateSpec.today(in: pipeline.source.timeZone, now: now)
        var polls: [(id: String, staged: StagedAnswer)] = []
        var keys: Set<String> = []
        func failed(_ reason: String) -> RunOutcome {
            for poll in polls { poll.staged.discardAll() }
            return RunOutcome(
                days: [.init(day: today.description, status: .failed, rows: 0, rejects: 0, windows: [], reason: reason, changed: nil)],
                splits: 0, bytes: 0, stop: nil)
        }
        for lane in context.lanes {
            // Lane 0 keeps the segment name it had before lanes.
            let id = "snapshot-\(context.runID)" + (lane.index == 0 ? "" : "-l\(lane.index)")
            let named = context.lanes.count > 1 ? "\(lane): " : ""
            let outcome = await context.job.run(
                nil, snapshotID: id, excludeKeys: Set(state.snapshotKeys ?? []), fallbackDay: today, snapshotLane: lane.index)
            switch outcome {
            case .answered(let answer, let staged, _) where answer.heldCap:
                staged.discardAll()
                // A snapshot cannot be split: say so rather than land a possibly truncated poll.
                return failed("\(named)the snapshot held the cap (\(answer.rows) records) and may be truncated")
            case .answered(_, let staged, let laneKeys):
                polls.append((id, staged))
                keys.formUnion(laneKeys)
            case .failed(let failure):
                switch failure {
                case .failed(let text): return failed(named + text)
                case .tooLarge: return failed(named + "the snapshot never came whole")
                case .abandoned:
                    // SIGINT/SIGTERM during the poll (how `run --watch` is stopped): the poll is
                    // dropped whole, nothing of it landed, and the next run polls again. An
                    // interruption, not a failed day.
                    for poll in polls { poll.staged.discardAll() }
                    return RunOutcome(
                        days: [], splits: 0, bytes: 0,
                        stop: ETLError(.interrupted, "interrupted: the poll in flight was dropped (nothing of it landed)"))
                }
            case .stopRun(let error):
                for poll in polls { poll.staged.discardAll() }
                return RunOutcome(days: [], splits: 0, bytes: 0, stop: error)
            }
        }
        let days = polls.reduce(into: Set<LocalDay>()) { $0.formUnion($1.staged.dataDays[$1.id] ?? []) }
        var reportDays: [RunReport.Day] = []
        var bytes = 0
        for day in days.sorted() {
            let ids = polls.filter { $0.staged.dataDays[$0.id]?.contains(day) == true }.map(\.id)
            let rejectIDs = polls.filter { $0.staged.rejectDays[$0.id]?.contains(day) == true }.map(\.id)
            let (entry, landed, dayBytes) = try await context.land(
                day: day, segmentIDs: ids, rejectSegmentIDs: rejectIDs, windows: [], mode: .appendToExisting)
            reportDays.append(entry)
            bytes += dayBytes
            state.landed[day.description] = landed
        }
        if !keys.isEmpty { state.snapshotKeys = keys.sorted() }
        try await context.stateStore.save(state)
        return RunOutcome(days: reportDays, splits: 0, bytes: bytes, stop: nil)
    }
}
