import Foundation
import Logging
import WolkvoxAPI

/// A run over a range of days: an `ExtractionMachine` decides the windows and what each answer
/// means; this drives it, at most `concurrency` requests at once, and performs what it decides
/// (staging, landing, state). Whole days land in tasks beside the requests, as many at once as
/// `RunContext.landingSlots` (`LandingQueue`), and are recorded only once landed.
struct RangeRun {
    let context: RunContext
    let range: RunRange
    let resume: Bool
    let logger: Logger

    func run() async throws -> RunOutcome {
        let pipeline = context.pipeline
        var state = try await context.stateStore.load(pipeline: pipeline.name, report: pipeline.report.name)
        var skipped: Set<LocalDay> = []
        let lanes = ParameterLane.lanes(report: pipeline.report, params: pipeline.source.params)
        // Days landed with other parameter values do not hold this run's: it starts afresh.
        let asked = lanes.count > 1 || !lanes[0].parameters.isEmpty ? lanes.map(\.description) : nil
        if resume, let previous = state.inProgress, previous.from == range.first, previous.to == range.last,
            previous.params == asked
        {
            skipped = Set(previous.landed)
            state.inProgress?.runID = context.runID
            if !skipped.isEmpty {
                logger.info("resuming: \(skipped.count) of \(range.days.count) days were landed by the interrupted run")
            }
        } else {
            state.inProgress = .init(runID: context.runID, from: range.first, to: range.last, landed: [], params: asked)
        }
        try await context.stateStore.save(state)

        let days = range.days.filter { !skipped.contains($0) }
        var machine = LanedExtraction(
            lanes: lanes, spans: WindowPlanner.spans(for: days), days: days, configuration: .init(pipeline: pipeline),
            density: DensityModel(state: state), belief: state.cutBelief)
        var landing = RangeLanding(context: context, state: state, logger: logger, slots: context.landingSlots)
        for day in skipped {
            landing.reportDays[day] = .init(day: day.description, status: .skipped, rows: state.landed[day.description]?.rows ?? 0,
                                            rejects: 0, windows: [], reason: "landed by the interrupted run", changed: nil)
        }
        var stop: ETLError?
        let job = context.job
        let concurrency = max(1, min(2, pipeline.source.concurrency))
        let started = Date()
        let valuesNote = lanes.count > 1 ? " (\(lanes.count) parameter values, each asked on its own)" : ""
        logger.info("planned \(days.count) days (\(range.first) to \(range.last)) in \(machine.pendingSpans) spans\(valuesNote)")

        // Requests and day landings are children of one group: the driver wakes on whichever
        // ends first, so a bucket's uploads overlap the next requests.
        await withTaskGroup(of: RangeEvent.self) { group in
            var inFlight = 0
            while true {
                if Task.isCancelled, stop == nil {
                    // SIGINT/SIGTERM: ask nothing more; days already whole still land (their
                    // landing tasks run to the end, see `DayLandingJob.run`).
                    stop = ETLError(.interrupted, "interrupted: landed days are kept; run the same command again to resume")
                    group.cancelAll()
                }
                if stop == nil, inFlight < concurrency, landing.queue.mayAsk {
                    let step = machine.next(slots: concurrency - inFlight)
                    landing.perform(step.actions)
                    for request in step.requests {
                        group.addTask { .answered(request, await job.run(request)) }
                        inFlight += 1
                    }
                }
                for day in landing.start() {
                    group.addTask { .landed(day.day, await day.run(context)) }
                }
                guard let event = await group.next() else { break }
                switch event {
                case .answered(let request, let outcome):
                    inFlight -= 1
                    landing.perform(receive(outcome, for: request, machine: &machine, landing: &landing, stop: &stop, group: &group))
                case .landed(let day, let result):
                    await landing.finished(day, result, machine: &machine)
                }
                if let failure = landing.failure, stop == nil { stop = failure }
                if let progress = context.progress {
                    progress(landing.progress(
                        daysTotal: days.count, failed: machine.failedDays.count,
                        windowsLeft: machine.pendingSpans + inFlight, seconds: Date().timeIntervalSince(started)))
                }
            }
        }

        // Kept parts still waiting for their check land nothing: their days stay pending.
        landing.perform(machine.finish())
        landing.state.cutBehaviour = machine.belief.stateText ?? landing.state.cutBehaviour
        for (day, reason) in machine.failedDays where landing.reportDays[day] == nil {
            landing.reportDays[day] = .init(day: day.description, status: .failed, rows: 0, rejects: 0, windows: [],
                                            reason: reason, changed: nil)
        }
        for day in days where landing.reportDays[day] == nil {
            landing.reportDays[day] = .init(day: day.description, status: .pending, rows: 0, rejects: 0, windows: [],
                                            reason: stop?.message ?? "not reached", changed: nil)
        }
        let complete = range.days.allSatisfy { [.landed, .skipped].contains(landing.reportDays[$0]?.status) }
        if complete { landing.state.inProgress = nil }
        let (store, finalState) = (context.stateStore, landing.state)
        try await uncancelled { try await store.save(finalState) }
        return RunOutcome(days: range.days.compactMap { landing.reportDays[$0] }, splits: machine.cutAnswers + machine.shrunk,
                          bytes: landing.bytes, stop: stop)
    }

    /// What an answer means to the machine; a run-stopping answer sets `stop`.
    private func receive(
        _ outcome: WindowOutcome, for request: ExtractionRequest, machine: inout LanedExtraction, landing: inout RangeLanding,
        stop: inout ETLError?, group: inout TaskGroup<RangeEvent>
    ) -> [ExtractionAction] {
        switch outcome {
        case .answered(let answer, let staged, _):
            landing.register(staged)
            if answer.heldCap {
                logger.info("window held the cap", metadata: [
                    "window.start": "\(request.window.start)", "window.end": "\(request.window.end)",
                    "rows": "\(answer.rows)", "calls": "\(context.budget.used)",
                ])
            }
            return machine.receive(request, answer: answer)
        case .failed(let failure):
            // A window cut short by an interruption did not fail: its days stay pending for the resume.
            let stopping = Task.isCancelled || stop != nil
            return machine.receive(request, failure: stopping ? .abandoned : failure)
        case .stopRun(let error):
            if stop == nil || error.code == .auth { stop = error }
            // Landings run on: they do not inherit the cancellation.
            if error.code == .auth { group.cancelAll() }
            return machine.receive(request, failure: .abandoned)
        }
    }
}

/// What ends in a range run's task group: a request, or a day's landing.
enum RangeEvent: Sendable {
    case answered(ExtractionRequest, WindowOutcome)
    case landed(LocalDay, Result<LandedDayRecord, any Error>)
}

extension ExtractionMachine.Configuration {
    init(pipeline: Pipeline) {
        self.init(cap: pipeline.source.maxRecordsPerRequest, maxDaysPerRequest: pipeline.source.maxDaysPerRequest,
                  windowsMaySpanDays: pipeline.report.windowsMaySpanDays)
    }
}
