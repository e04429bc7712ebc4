import Foundation
import Logging
import WolkvoxAPI

/// A run of a report that takes no range: one call per parameter value (one call for most).
///
/// Two kinds of snapshot land differently:
/// - Rows with their own time (calls_last_10, "the calls of the last 10 minutes") are events:
///   polls overlap, so each adds to the rows' days what the previous poll had not landed (by
///   the report's key); replacing a day would keep only its last ten minutes.
/// - Rows without dates (`information.agents`, `real_time.agents`) are the state of things when
///   asked: they land in the run's day with the poll's time in `snapshot_at`, and a later poll
///   the same day replaces the day. A data team joins a dimension on the day: a day holding
///   every poll would repeat each agent once per poll, and appending only unseen keys would
///   keep the morning's name for an agent renamed at noon. The day holds the latest poll, as
///   whole as the poll was; the days before keep their last.
///
/// A day lands only with every value's records: one value failing fails the poll.
struct SnapshotRun {
    let context: RunContext
    let now: Date
    let logger: Logger

    func run() async throws -> RunOutcome {
        let pipeline = context.pipeline
        var state = try await context.stateStore.load(pipeline: pipeline.name, report: pipeline.report.name)
        let today = DateSpec.today(in: pipeline.source.timeZone, now: now)
        let replacesDay = pipeline.report.dayOf == .runDay
        var job = context.job
        job.transformer = context.transformer.stamped(at: now)
        let excluded = replacesDay ? [] : Set(state.snapshotKeys ?? [])
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
            let outcome = await job.run(nil, snapshotID: id, excludeKeys: excluded, fallbackDay: today, snapshotLane: lane.index)
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
        var days = polls.reduce(into: Set<LocalDay>()) { $0.formUnion($1.staged.dataDays[$1.id] ?? []) }
        let rejectDays = polls.reduce(into: Set<LocalDay>()) { $0.formUnion($1.staged.rejectDays[$1.id] ?? []) }
        // A poll replaces its day even when it holds nothing, or only rejects: the day must say
        // what the API held then, not what an earlier poll saw.
        if replacesDay { days.formUnion(rejectDays.union([today])) }
        var reportDays: [RunReport.Day] = []
        var bytes = 0
        for day in days.sorted() {
            let ids = polls.filter { $0.staged.dataDays[$0.id]?.contains(day) == true }.map(\.id)
            let rejectIDs = polls.filter { $0.staged.rejectDays[$0.id]?.contains(day) == true }.map(\.id)
            let record = try await context.land(
                day: day, segmentIDs: ids, rejectSegmentIDs: rejectIDs, windows: [],
                mode: replacesDay ? .replace : .appendToExisting)
            reportDays.append(record.entry)
            bytes += record.bytes
            state.landed[day.description] = record.state
        }
        if !keys.isEmpty { state.snapshotKeys = keys.sorted() }
        try await context.stateStore.save(state)
        return RunOutcome(days: reportDays, splits: 0, bytes: bytes, stop: nil)
    }
}
