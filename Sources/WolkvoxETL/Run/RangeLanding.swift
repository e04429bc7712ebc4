import Foundation
import Logging
import WolkvoxAPI

/// Performs what an `ExtractionMachine` decides: keeps the staged answers until their days land
/// or are discarded, lands days, and records them in the state and the run report.
struct RangeLanding {
    let context: RunContext
    var state: PipelineState
    let logger: Logger
    var reportDays: [LocalDay: RunReport.Day] = [:]
    var bytes = 0
    /// A day that could not be landed (disk): the run stops asking.
    private(set) var failure: ETLError?
    private var staged: [String: StagedAnswer] = [:]
    private var dataDays: [String: Set<LocalDay>] = [:]
    private var rejectDays: [String: Set<LocalDay>] = [:]
    private var lastSave = Date.distantPast

    init(context: RunContext, state: PipelineState, logger: Logger) {
        self.context = context
        self.state = state
        self.logger = logger
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
    /// may land a day that holds a part the same batch drops.
    mutating func perform(_ actions: [ExtractionAction], machine: inout LanedExtraction) async {
        let ordered = actions.filter { if case .discard = $0 { true } else { false } }
            + actions.filter { if case .discard = $0 { false } else { true } }
        for action in ordered {
            switch action {
            case .land(let day, let pieces):
                await land(day, pieces: pieces, machine: &machine)
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

    private mutating func land(_ day: LocalDay, pieces: [LandingPiece], machine: inout LanedExtraction) async {
        let ids = pieces.flatMap(\.segmentIDs)
        do {
            var (entry, landed, dayBytes) = try await context.land(
                day: day, segmentIDs: ids.filter { dataDays[$0]?.contains(day) == true },
                rejectSegmentIDs: ids.filter { rejectDays[$0]?.contains(day) == true }, windows: pieces.map(\.window))
            landed.hours = machine.hours(of: day) ?? Array(repeating: 0, count: 24)
            machine.landed(day)
            reportDays[day] = entry
            bytes += dayBytes
            state.landed[day.description] = landed
            state.inProgress?.landed.append(day)
            // The whole state is rewritten on each save, so a long backfill saves at most once a
            // second: a kill loses at most that second's record of landed days, which the resume
            // then asks again (a day swaps in whole either way).
            if Date().timeIntervalSince(lastSave) >= 1 {
                try await context.stateStore.save(state)
                lastSave = Date()
            }
        } catch {
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
