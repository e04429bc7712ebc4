import Foundation
import Logging
import WolkvoxAPI

/// A run over a range of days: an `ExtractionMachine` decides the windows and what each answer
/// means; this drives it, at most `concurrency` requests at once, and performs what it decides
/// (staging, landing, state).
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
        var landing = RangeLanding(context: context, state: state, logger: logger)
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

        await withTaskGroup(of: (ExtractionRequest, WindowOutcome).self) { group in
            var inFlight = 0
            while true {
                if Task.isCancelled, stop == nil {
                    // SIGINT/SIGTERM: ask nothing more; days already whole still land below.
                    stop = ETLError(.interrupted, "interrupted: landed days are kept; run the same command again to resume")
                    group.cancelAll()
                }
                if stop == nil, inFlight < concurrency {
                    let step = machine.next(slots: concurrency - inFlight)
                    await landing.perform(step.actions, machine: &machine)
                    for request in step.requests {
                        group.addTask { (request, await job.run(request)) }
                        inFlight += 1
                    }
                }
                guard let (request, outcome) = await group.next() else { break }
                inFlight -= 1
                let actions: [ExtractionAction]
                switch outcome {
                case .answered(let answer, let staged, _):
                    landing.register(staged)
                    if answer.heldCap {
                        logger.info("window held the cap", metadata: [
                            "window.start": "\(request.window.start)", "window.end": "\(request.window.end)",
                            "rows": "\(answer.rows)", "calls": "\(context.budget.used)",
                        ])
                    }
                    actions = machine.receive(request, answer: answer)
                case .failed(let failure):
                    // A window cut short by an interruption did not fail: its days stay pending for the resume.
                    let stopping = Task.isCancelled || stop != nil
                    actions = machine.receive(request, failure: stopping ? .abandoned : failure)
                case .stopRun(let error):
                    if stop == nil || error.code == .auth { stop = error }
                    if error.code == .auth { group.cancelAll() }
                    actions = machine.receive(request, failure: .abandoned)
                }
                await landing.perform(actions, machine: &machine)
                if let failure = landing.failure, stop == nil { stop = failure }
                if let progress = context.progress {
                    progress(landing.progress(
                        daysTotal: days.count, failed: machine.failedDays.count,
                        windowsLeft: machine.pendingSpans + inFlight, seconds: Date().timeIntervalSince(started)))
                }
            }
        }

        // Kept parts still waiting for their check land nothing: their days stay pending.
        await landing.perform(machine.finish(), machine: &machine)
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
        try await context.stateStore.save(landing.state)
        return RunOutcome(days: range.days.compactMap { landing.reportDays[$0] }, splits: machine.cutAnswers + machine.shrunk,
                          bytes: landing.bytes, stop: stop)
    }
}

extension ExtractionMachine.Configuration {
    init(pipeline: Pipeline) {
        self.init(cap: pipeline.source.maxRecordsPerRequest, maxDaysPerRequest: pipeline.source.maxDaysPerRequest,
                  windowsMaySpanDays: pipeline.report.windowsMaySpanDays)
    }
}
