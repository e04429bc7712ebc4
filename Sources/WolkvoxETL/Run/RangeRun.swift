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
        let planner = WindowPlanner(report: pipeline.report, maxDaysPerRequest: pipeline.source.maxDaysPerRequest)
        let initial = planner.windows(for: days)
        var ledger = DayLedger(days: days, windows: initial)
        var queue = initial
        var reportDays: [LocalDay: RunReport.Day] = [:]
        for day in skipped {
            reportDays[day] = .init(day: day.description, status: "skipped", rows: state.landed[day.description]?.rows ?? 0,
                                    rejects: 0, windows: [], reason: "landed by the interrupted run", changed: nil)
        }
        // Which windows wrote rows for each day: a window that found nothing for a day has no segment there.
        var segmentsByDay: [LocalDay: Set<String>] = [:]
        var splits = 0
        var bytes = 0
        var stop: ETLError?
        let job = context.job
        let concurrency = max(1, min(2, pipeline.source.concurrency))
        let started = Date()
        logger.info("planned \(initial.count) windows for \(days.count) days (\(range.first) to \(range.last))")

        await withTaskGroup(of: WindowOutcome.self) { group in
            var inFlight = 0
            while true {
                if Task.isCancelled, stop == nil {
                    // SIGINT/SIGTERM: ask nothing more; days already whole still land below.
                    stop = ETLError(.interrupted, "interrupted: landed days are kept; run the same command again to resume")
                    group.cancelAll()
                }
                while stop == nil, inFlight < concurrency, !queue.isEmpty {
                    let window = queue.removeFirst()
                    // A window whose days all failed is not worth a call.
                    guard window.days.contains(where: { ledger.isAlive($0) }) else { continue }
                    group.addTask { await job.run(window, id: DayStaging.segmentID(for: window)) }
                    inFlight += 1
                }
                guard let outcome = await group.next() else { break }
                inFlight -= 1
                defer {
                    if let progress = context.progress {
                        let landedDays = reportDays.values.filter { $0.status == "landed" }
                        let figures = RunProgress(
                            pipeline: pipeline.name, daysTotal: days.count, daysLanded: landedDays.count,
                            daysFailed: ledger.failedDays.count, rows: landedDays.reduce(0) { $0 + $1.rows },
                            calls: context.budget.used, retries: context.budget.retries,
                            windowsLeft: queue.count + inFlight, seconds: Date().timeIntervalSince(started))
                        progress(figures)
                    }
                }
                switch outcome {
                case .arrived(let window?, _, _, let written, _):
                    for day in written { segmentsByDay[day, default: []].insert(DayStaging.segmentID(for: window)) }
                    for (day, windows) in ledger.complete(window) {
                        do {
                            let ids = windows.map(DayStaging.segmentID(for:)).filter { segmentsByDay[day]?.contains($0) == true }
                            let (entry, landed, dayBytes) = try context.land(day: day, segmentIDs: ids, windows: windows)
                            ledger.markLanded(day)
                            reportDays[day] = entry
                            bytes += dayBytes
                            state.landed[day.description] = landed
                            state.inProgress?.landed.append(day)
                            try context.stateStore.save(state)
                        } catch {
                            _ = ledger.fail(Window(days: day, through: day), reason: "\(error)")
                            logger.error("could not land dt=\(day): \(error)")
                            if stop == nil { stop = ETLError(.io, "\(error)") }
                        }
                    }
                case .hitCap(let window?, let rows):
                    guard let pieces = planner.split(window, rowsSeen: rows, cap: pipeline.source.maxRecordsPerRequest) else {
                        let reason = "a one-second window \(window) holds \(rows) records, the cap: the API cannot return the day whole"
                        for day in ledger.fail(window, reason: reason) { logger.error("dt=\(day) failed: \(reason)") }
                        continue
                    }
                    splits += 1
                    logger.info("window held the cap: asking again as \(pieces.count) windows", metadata: [
                        "window.start": "\(window.start)", "window.end": "\(window.end)", "rows": "\(rows)",
                        "calls": "\(context.budget.used)",
                    ])
                    ledger.replace(window, with: pieces)
                    queue.insert(contentsOf: pieces, at: 0)
                case .failed(let window?, let reason):
                    // A window cut short by an interruption did not fail: its days stay pending for the resume.
                    if Task.isCancelled || stop?.code == .interrupted || stop?.code == .auth { continue }
                    for day in ledger.fail(window, reason: reason) { logger.error("dt=\(day) failed: \(reason)") }
                case .stopRun(_, let error):
                    if stop == nil || error.code == .auth { stop = error }
                    if error.code == .auth { group.cancelAll() }
                case .arrived(nil, _, _, _, _), .hitCap(nil, _), .failed(nil, _):
                    break  // a range run always asks for a window
                }
            }
        }

        for (day, reason) in ledger.failedDays {
            reportDays[day] = .init(day: day.description, status: "failed", rows: 0, rejects: 0, windows: [],
                                    reason: reason, changed: nil)
        }
        for day in days where reportDays[day] == nil {
            reportDays[day] = .init(day: day.description, status: "pending", rows: 0, rejects: 0, windows: [],
                                    reason: stop?.message ?? "not reached", changed: nil)
        }
        let complete = range.days.allSatisfy { reportDays[$0]?.status == "landed" || reportDays[$0]?.status == "skipped" }
        if complete { state.inProgress = nil }
        try context.stateStore.save(state)
        return RunOutcome(days: range.days.compactMap { reportDays[$0] }, splits: splits, bytes: bytes, stop: stop)
    }
}
