import Foundation
import Logging
import WolkvoxAPI

/// A run over a range of days: windows fetched at most `concurrency` at once, days landed as
/// soon as every window covering them has arrived.
struct RangeRun {
    let context: RunContext
    let range: RunRange
    let resume: Bool
    let logger: Logger

    func run() async throws -> RunOutcome {
        let pipeline = context.pipeline
        var state = try context.stateStore.load(pipeline: pipeline.name, report: pipeline.report.name)
        var skipped: Set<LocalDay> = []
        if resume, let previous = state.inProgress, previous.from == range.first, previous.to == range.last {
            skipped = Set(previous.landed)
            state.inProgress?.runID = context.runID
            if !skipped.isEmpty {
                logger.info("resuming: \(skipped.count) of \(range.days.count) days were landed by the interrupted run")
            }
        } else {
            state.inProgress = .init(runID: context.runID, from: range.first, to: range.last, landed: [])
        }
        try context.stateStore.save(state)

        let days = range.days.filter { !skipped.contains($0) }
        let cap = pipeline.source.maxRecordsPerRequest
        let planner = WindowPlanner(report: pipeline.report, maxDaysPerRequest: pipeline.source.maxDaysPerRequest)
        var schedule = FetchSchedule(
            spans: planner.spans(for: days), planner: planner, density: DensityModel(state: state), cap: cap)
        var ledger = DayLedger(days: days)
        var reportDays: [LocalDay: RunReport.Day] = [:]
        for day in skipped {
            reportDays[day] = .init(day: day.description, status: .skipped, rows: state.landed[day.description]?.rows ?? 0,
                                    rejects: 0, windows: [], reason: "landed by the interrupted run", changed: nil)
        }
        // Which segments hold rows for each day: a window that found nothing for a day has no segment there.
        var segmentsByDay: [LocalDay: Set<String>] = [:]
        var rejectSegmentsByDay: [LocalDay: Set<String>] = [:]
        var hoursByDay: [LocalDay: [Int]] = [:]
        var splits = 0
        var bytes = 0
        var stop: ETLError?
        let job = context.job
        let concurrency = max(1, min(2, pipeline.source.concurrency))
        let started = Date()
        var lastSave = Date.distantPast
        // Keeping a cut response up to its oldest second is right only if the API cuts at the
        // oldest end, as it sorts newest first. Until a run has seen that, the first cut
        // window's kept part waits: the next answer for the rest of that window must hold a
        // record older than the kept part, which an API that cut at the newest end cannot send.
        var trust: TruncationTrust = state.truncationKeepsNewest == true ? .confirmed : .unchecked
        var probes: [TruncationProbe] = []
        logger.info("planned \(days.count) days (\(range.first) to \(range.last)) in \(schedule.pendingSpans) spans")

        /// A window (or the kept part of one) arrived: its rows count for their days; days now whole land.
        func arrive(_ window: Window, segment: String, written: Set<LocalDay>, rejected: Set<LocalDay>, hours: [LocalDay: [Int]]) {
            for day in written { segmentsByDay[day, default: []].insert(segment) }
            for day in rejected { rejectSegmentsByDay[day, default: []].insert(segment) }
            for (day, counts) in hours {
                var total = hoursByDay[day] ?? Array(repeating: 0, count: 24)
                for h in 0..<24 { total[h] += counts[h] }
                hoursByDay[day] = total
            }
            for (day, pieces) in ledger.arrive(window, segmentIDs: [segment]) {
                do {
                    let ids = pieces.flatMap(\.segmentIDs).filter { segmentsByDay[day]?.contains($0) == true }
                    let rejectIDs = pieces.flatMap(\.segmentIDs).filter { rejectSegmentsByDay[day]?.contains($0) == true }
                    var (entry, landed, dayBytes) = try context.land(
                        day: day, segmentIDs: ids, rejectSegmentIDs: rejectIDs, windows: pieces.map(\.window))
                    landed.hours = hoursByDay[day] ?? Array(repeating: 0, count: 24)
                    ledger.markLanded(day)
                    reportDays[day] = entry
                    bytes += dayBytes
                    state.landed[day.description] = landed
                    state.inProgress?.landed.append(day)
                    // The whole state is rewritten on each save, so a long backfill saves at most
                    // once a second: a kill loses at most that second's record of landed days,
                    // which the resume then asks again (a day swaps in whole either way).
                    if Date().timeIntervalSince(lastSave) >= 1 {
                        try context.stateStore.save(state)
                        lastSave = Date()
                    }
                } catch {
                    _ = ledger.fail(Window(days: day, through: day), reason: "\(error)")
                    logger.error("could not land dt=\(day): \(error)")
                    if stop == nil { stop = ETLError(.io, "\(error)") }
                }
            }
        }

        /// The answer for the rest of a cut window says how the API cuts.
        func settle(_ probe: TruncationProbe, keepsNewest: Bool) {
            if keepsNewest {
                trust = .confirmed
                state.truncationKeepsNewest = true
                for p in probes { arrive(p.kept, segment: p.segment, written: p.written, rejected: p.rejected, hours: p.hours) }
            } else {
                trust = .refused
                logger.warning("the API cut a response at its newest end: cut responses are asked again instead of kept", metadata: [
                    "window.start": "\(probe.request.window.start)", "window.end": "\(probe.request.window.end)",
                ])
                for p in probes {
                    p.undo()
                    schedule.add(p.kept)
                }
            }
            probes = []
        }

        await withTaskGroup(of: (FetchSchedule.Request, WindowOutcome).self) { group in
            var inFlight = 0
            while true {
                if Task.isCancelled, stop == nil {
                    // SIGINT/SIGTERM: ask nothing more; days already whole still land below.
                    stop = ETLError(.interrupted, "interrupted: landed days are kept; run the same command again to resume")
                    group.cancelAll()
                }
                if stop == nil, inFlight < concurrency {
                    // A window whose days all failed is not worth a call.
                    let requests = schedule.next(slots: concurrency - inFlight) { window in
                        window.days.contains { ledger.isAlive($0) }
                    }
                    for request in requests {
                        let keep = trust != .refused
                        group.addTask {
                            (request, await job.run(request.window, id: DayStaging.segmentID(for: request.window), keepTruncated: keep))
                        }
                        inFlight += 1
                    }
                }
                guard let (request, outcome) = await group.next() else { break }
                inFlight -= 1
                defer {
                    if let progress = context.progress {
                        let landedDays = reportDays.values.filter { $0.status == .landed }
                        let figures = RunProgress(
                            pipeline: pipeline.name, daysTotal: days.count, daysLanded: landedDays.count,
                            daysFailed: ledger.failedDays.count, rows: landedDays.reduce(0) { $0 + $1.rows },
                            calls: context.budget.used, retries: context.budget.retries,
                            windowsLeft: schedule.pendingSpans + inFlight, seconds: Date().timeIntervalSince(started))
                        progress(figures)
                    }
                }
                let window = request.window
                let segment = DayStaging.segmentID(for: window)
                if let probe = probes.first(where: { $0.restChain == request.chain && $0.boundary == window.end }) {
                    switch outcome {
                    case .arrived(_, _, _, _, _, _, _, let oldest), .truncated(_, _, _, _, _, _, _, let oldest, _):
                        settle(probe, keepsNewest: oldest.map { $0 < probe.boundary.naiveSeconds } ?? false)
                    case .hitCap:
                        settle(probe, keepsNewest: false)
                    case .failed, .stopRun:
                        break  // nothing learned: the probe waits, and is undone if the run ends first
                    }
                }
                switch outcome {
                case .arrived(_, _, _, let written, let rejected, _, let hours, _):
                    schedule.arrived(request)
                    arrive(window, segment: segment, written: written, rejected: rejected, hours: hours)
                case .truncated(_, let kept, let rows, _, let written, let rejected, let hours, _, let undo):
                    splits += 1
                    logger.info("window held the cap: kept its rows up to the last second shown, asking for the rest", metadata: [
                        "window.start": "\(window.start)", "window.end": "\(window.end)", "rows": "\(rows)",
                        "calls": "\(context.budget.used)",
                    ])
                    switch trust {
                    case .confirmed:
                        schedule.truncated(request, kept: kept)
                        arrive(kept, segment: segment, written: written, rejected: rejected, hours: hours)
                    case .unchecked:
                        let chain = schedule.truncated(request, kept: kept, separately: true)
                        probes.append(TruncationProbe(
                            request: request, kept: kept, segment: segment, written: written, rejected: rejected, hours: hours,
                            undo: undo, restChain: chain, boundary: kept.start.adding(seconds: -1)))
                    case .refused:
                        // Asked before the run learned how the API cuts: ask it again, shorter.
                        undo()
                        schedule.capped(request, revealed: [:])
                    }
                case .hitCap(_, let rows, let revealed, let second):
                    splits += 1
                    if let second {
                        // That second alone holds the cap: the API cannot return its day whole.
                        let reason = "the second \(second) alone holds \(rows) records, the cap: the API cannot return the day whole"
                        for day in ledger.fail(Window(start: second, end: second), reason: reason) { logger.error("dt=\(day) failed: \(reason)") }
                        schedule.excluding(request, second: second)
                    } else if window.seconds == 1 {
                        let reason = "a one-second window \(window) holds \(rows) records, the cap: the API cannot return the day whole"
                        for day in ledger.fail(window, reason: reason) { logger.error("dt=\(day) failed: \(reason)") }
                        schedule.failed(request)
                    } else {
                        logger.info("window held the cap with rows out of time order: asking again in smaller windows", metadata: [
                            "window.start": "\(window.start)", "window.end": "\(window.end)", "rows": "\(rows)",
                            "calls": "\(context.budget.used)",
                        ])
                        schedule.capped(request, revealed: revealed)
                    }
                case .failed(_, let reason):
                    schedule.failed(request)
                    // A window cut short by an interruption did not fail: its days stay pending for the resume.
                    if Task.isCancelled || stop?.code == .interrupted || stop?.code == .auth { continue }
                    for day in ledger.fail(window, reason: reason) { logger.error("dt=\(day) failed: \(reason)") }
                case .stopRun(_, let error):
                    schedule.failed(request)
                    if stop == nil || error.code == .auth { stop = error }
                    if error.code == .auth { group.cancelAll() }
                }
            }
        }

        // Kept parts still waiting for the check land nothing: their days stay pending.
        for probe in probes { probe.undo() }
        for (day, reason) in ledger.failedDays {
            reportDays[day] = .init(day: day.description, status: .failed, rows: 0, rejects: 0, windows: [],
                                    reason: reason, changed: nil)
        }
        for day in days where reportDays[day] == nil {
            reportDays[day] = .init(day: day.description, status: .pending, rows: 0, rejects: 0, windows: [],
                                    reason: stop?.message ?? "not reached", changed: nil)
        }
        let complete = range.days.allSatisfy { reportDays[$0]?.status == .landed || reportDays[$0]?.status == .skipped }
        if complete { state.inProgress = nil }
        try context.stateStore.save(state)
        return RunOutcome(days: range.days.compactMap { reportDays[$0] }, splits: splits, bytes: bytes, stop: stop)
    }
}
