import Foundation
import Logging
import WolkvoxAPI

/// Performs what an `ExtractionMachine` decides: keeps the staged answers until their days land
/// or are discarded, hands whole days to landing tasks (through a `LandingQueue`), and records
/// each day in the state and the run report once its landing finished.
struct RangeLanding {
    let context: RunContext
    var state: PipelineState
    let logger: Logger
    var reportDays: [LocalDay: RunReport.Day] = [:]
    var bytes = 0
    /// A day that could not be landed (disk, bucket) or recorded: the run stops asking.
    private(set) var failure: ETLError?
    private(set) var queue: LandingQueue
    private var staged: [String: StagedAnswer] = [:]
    private var dataDays: [String: Set<LocalDay>] = [:]
    private var rejectDays: [String: Set<LocalDay>] = [:]
    private var lastSave = Date.distantPast

    /// - Parameter slots: days landing at once.
    init(context: RunContext, state: PipelineState, logger: Logger, slots: Int) {
        self.context = context
        self.state = state
        self.logger = logger
        queue = LandingQueue(limit: slots)
    }

    mutating func register(_ answer: StagedAnswer) {
        for (id, days) in answer.dataDays {
            staged[id] = answer
            dataDays[id] = days
        }
        for (id, days) in answer.rejectDays {
            staged[id] = answer
            rejectDays[id] = days
        }
    }

    /// Discards first: a day's commit refuses staged segments it is not told about, and a batch
    /// may land a day that holds a part the same batch drops. Whole days are queued; `start()`
    /// hands them out.
    mutating func perform(_ actions: [ExtractionAction]) {
        let ordered = actions.filter { if case .discard = $0 { true } else { false } }
            + actions.filter { if case .discard = $0 { false } else { true } }
        for action in ordered {
            switch action {
            case .land(let day, let pieces):
                queue.add(day, pieces: pieces)
            case .discard(let ids):
                for id in ids {
                    staged.removeValue(forKey: id)?.discard(segmentID: id)
                    dataDays[id] = nil
                    rejectDays[id] = nil
                }
            case .fail(let days, let reason):
                for day in days { logger.error("dt=\(day) failed: \(reason)") }
            }
        }
    }

    /// The days to land now, each to run in a task of its own.
    mutating func start() -> [DayLandingJob] {
        queue.start().map { whole in
            let ids = whole.pieces.flatMap(\.segmentIDs)
            return DayLandingJob(
                day: whole.day, segmentIDs: ids.filter { dataDays[$0]?.contains(whole.day) == true },
                rejectSegmentIDs: ids.filter { rejectDays[$0]?.contains(whole.day) == true }, windows: whole.pieces.map(\.window))
        }
    }

    /// A day's landing ended: a landed day is recorded (state, report, the machine); a failed
    /// one fails in the machine and stops the run.
    mutating func finished(_ day: LocalDay, _ result: Result<LandedDayRecord, any Error>, machine: inout LanedExtraction) async {
        queue.finished(day)
        switch result {
        case .success(var record):
            record.state.hours = machine.hours(of: day) ?? Array(repeating: 0, count: 24)
            machine.landed(day)
            reportDays[day] = record.entry
            bytes += record.bytes
            state.landed[day.description] = record.state
            state.inProgress?.landed.append(day)
            // The whole state is rewritten on each save, so a long backfill saves at most once a
            // second: a kill loses at most that second's record of landed days, which the resume
            // then asks again (a day swaps in whole either way).
            guard Date().timeIntervalSince(lastSave) >= 1 else { return }
            do {
                let (store, snapshot) = (context.stateStore, state)
                try await uncancelled { try await store.save(snapshot) }
                lastSave = Date()
            } catch {
                // The day did land; the run's last save records it again, or the resume re-lands it.
                logger.error("could not save the state after dt=\(day) landed: \(error)")
                if failure == nil { failure = ETLError(.io, "\(error)") }
            }
        case .failure(let error):
            machine.landingFailed(day, reason: "\(error)")
            logger.error("could not land dt=\(day): \(error)")
            if failure == nil { failure = ETLError(.io, "\(error)") }
        }
    }

    func progress(daysTotal: Int, failed: Int, windowsLeft: Int, seconds: Double) -> RunProgress {
        let landedDays = reportDays.values.filter { $0.status == .landed }
        return RunProgress(
            pipeline: context.pipeline.name, daysTotal: daysTotal, daysLanded: landedDays.count, daysFailed: failed,
            rows: landedDays.reduce(0) { $0 + $1.rows }, calls: context.budget.used, retries: context.budget.retries,
            windowsLeft: windowsLeft, seconds: seconds)
    }
}

/// One whole day to land, its data and its rejects, beside the run's requests.
struct DayLandingJob: Sendable {
    let day: LocalDay
    let segmentIDs: [String]
    let rejectSegmentIDs: [String]
    let windows: [Window]

    /// Lands the day to the end even when the run is stopped by a signal meanwhile: a day already
    /// whole lands, and a publish is never cut between its uploads and its switch.
    func run(_ context: RunContext) async -> Result<LandedDayRecord, any Error> {
        do {
            return .success(try await uncancelled {
                try await context.land(day: day, segmentIDs: segmentIDs, rejectSegmentIDs: rejectSegmentIDs, windows: windows)
            })
        } catch {
            return .failure(error)
        }
    }
}
