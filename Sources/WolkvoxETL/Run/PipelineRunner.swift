import Crypto
import FlatExport
import Foundation
package import Logging
import WolkvoxAPI

/// What a run ended with.
package struct RunResult: Sendable {
    package var report: RunReport
    /// How the run ended, as the documented exit code.
    package var exit: RunExit
    /// A one-paragraph summary for people.
    package var summary: String

    /// The process exit code of `exit`.
    package var exitCode: Int32 { exit.rawValue }
}

/// Runs a pipeline: plan windows, fetch them (at most `concurrency` at once), transform, stage
/// per-day segments, and land each day atomically once every window covering it has arrived.
///
/// - Important: Memory does not grow with the range: windows are fetched as a stream and each
///   day is written to disk as its rows arrive.
package struct PipelineRunner: Sendable {
    package var pipeline: Pipeline
    package var options: RunOptions
    package var logger: Logger

    package init(pipeline: Pipeline, options: RunOptions = .init(), logger: Logger = Logger(label: "wolkvox-etl")) {
        self.pipeline = pipeline
        self.options = options
        self.logger = logger
    }

    var root: URL { URL(fileURLWithPath: pipeline.load.root, isDirectory: true) }

    package func run() async throws -> RunResult {
        let started = options.now()
        let runID = RunID.make(now: started)
        let storage = try await LandingStorage.open(
            pipeline: pipeline, runID: runID, credentials: options.s3Credentials, leaseTTL: options.s3LeaseTTL, logger: logger)
        do {
            let result = try await storage.holding { [self] in try await run(runID: runID, started: started, storage: storage) }
            await storage.close()
            return result
        } catch {
            await storage.close()
            throw error
        }
    }

    private func run(runID: String, started: Date, storage: LandingStorage) async throws -> RunResult {
        var context = try RunContext(
            pipeline: pipeline, runID: runID, gzipEngine: options.gzipEngine, logger: logger, storage: storage)
        context.progress = options.progress
        context.tokenLockDirectory = options.tokenLockDirectory ?? TokenSlots.defaultDirectory
        var log = logger
        log[metadataKey: "run"] = "\(runID)"
        log[metadataKey: "pipeline"] = "\(pipeline.name)"

        var report = RunReport(
            runID: runID, pipeline: pipeline.name, report: pipeline.report.name, from: nil, to: nil,
            startedAt: RunID.iso(started), status: "running", calls: 0, retries: 0, splits: 0, rows: 0,
            rejects: 0, bytes: 0, days: [])
        let outcome: RunOutcome
        if let range = try RunRange.resolve(pipeline: pipeline, options: options) {
            report.from = range.first.description
            report.to = range.last.description
            outcome = try await RangeRun(context: context, range: range, resume: options.resume, logger: log).run()
        } else {
            outcome = try await SnapshotRun(context: context, now: options.now(), logger: log).run()
        }
        context.cleanUp()

        let finished = options.now()
        report.finishedAt = RunID.iso(finished)
        report.seconds = (finished.timeIntervalSince(started) * 1000).rounded() / 1000
        report.calls = context.budget.used
        report.retries = context.budget.retries
        report.rowsReceived = context.budget.received
        report.splits = outcome.splits
        report.days = outcome.days
        report.rows = outcome.days.reduce(0) { $0 + ($1.status == .landed ? $1.rows : 0) }
        report.rejects = outcome.days.reduce(0) { $0 + $1.rejects }
        report.bytes = outcome.bytes
        let exit: RunExit
        if let stop = outcome.stop {
            exit = RunExit(stop)
            // A run that stopped early did not merely miss some days.
            report.status = exit == .daysFailed ? "failed" : exit.reportStatus
        } else {
            exit = RunExit(failedDays: outcome.days.count { $0.status == .failed })
            report.status = exit.reportStatus
        }
        report.exitCode = exit.rawValue
        report.message = outcome.stop?.message
        report.note = NotEnabledNote.text(
            report: pipeline.report.name, answers: context.budget.answers,
            notFound: context.budget.notFoundAnswers, rowsLanded: report.rows)
        // After a signal too: the run is cancelled, and the report must still be written.
        let (records, finalReport) = (context.stateStore, report)
        try await uncancelled { try await records.write(finalReport) }
        return RunResult(report: report, exit: exit, summary: RunSummaryText.render(
            report, root: root, bucketRoot: storage.isBucket ? pipeline.load.root : nil))
    }
}

/// What a range or snapshot run hands back to the runner.
struct RunOutcome {
    var days: [RunReport.Day]
    var splits: Int
    var bytes: Int
    var stop: ETLError?
}

/// The parts every run shares: client, transform, staging areas, state, budget.
struct RunContext: Sendable {
    let pipeline: Pipeline
    let runID: String
    let root: URL
    let client: WolkvoxClient
    let transformer: RecordTransformer
    let staging: DayStaging
    let rejects: DayStaging
    let stateStore: any RunRecords
    let budget: CallBudget
    let retry: RetryPolicy
    let logger: Logger
    /// The parameter values asked, one lane each (one lane without parameters).
    let lanes: [ParameterLane]
    let parameterColumns: ParameterColumns
    /// Whole days landing at once beside the requests: a bucket's publishes are several requests
    /// each, worth overlapping; a folder's are renames, landed one at a time.
    let landingSlots: Int
    var progress: (@Sendable (RunProgress) -> Void)?
    var tokenLockDirectory = TokenSlots.defaultDirectory

    init(pipeline: Pipeline, runID: String, gzipEngine: GzipEngine, logger: Logger, storage: LandingStorage) throws {
        self.pipeline = pipeline
        self.runID = runID
        self.logger = logger
        root = storage.root
        let stagingRoot = root.appendingPathComponent("_wolkvox/staging/\(pipeline.name)")
        // Leftovers of a killed run of this pipeline: never landed, safe to remove.
        try? FileManager.default.removeItem(at: stagingRoot)
        transformer = RecordTransformer(
            report: pipeline.report, transform: pipeline.transform, timeZone: pipeline.source.timeZone)
        lanes = ParameterLane.lanes(report: pipeline.report, params: pipeline.source.params)
        parameterColumns = ParameterColumns(
            report: pipeline.report, params: pipeline.source.params, transform: pipeline.transform, schema: transformer.schema)
        staging = try DayStaging(
            root: root, dataset: pipeline.report.name, stagingRoot: stagingRoot.appendingPathComponent("data"),
            schema: parameterColumns.extending(transformer.schema), load: pipeline.load, gzipEngine: gzipEngine, runID: runID,
            landing: storage.landing(dataset: pipeline.report.name))
        // Before any call or state write: an unusable root fails here with the system's reason.
        do { try staging.store.createRoot() } catch { throw ETLError(.io, "load.root '\(pipeline.load.root)' cannot be used: \(error)") }
        var rejectLoad = pipeline.load
        rejectLoad.formats = [.ndjson]
        rejects = try DayStaging(
            root: root, dataset: "_wolkvox/rejects/\(pipeline.report.name)",
            stagingRoot: stagingRoot.appendingPathComponent("rejects"), schema: RejectRecord.schema,
            load: rejectLoad, gzipEngine: gzipEngine, runID: runID, landing: storage.landing(dataset: "_wolkvox/rejects/\(pipeline.report.name)"))
        client = WolkvoxClient(
            baseURL: pipeline.source.baseURL, token: pipeline.source.token, requestTimeout: pipeline.source.timeout,
            logger: logger)
        stateStore = storage.records
        landingSlots = storage.isBucket ? 4 : 1
        budget = CallBudget(limit: pipeline.source.maxCalls)
        retry = RetryPolicy(
            attempts: pipeline.source.retry.attempts, baseDelay: pipeline.source.retry.baseDelay,
            maxDelay: pipeline.source.retry.maxDelay)
    }

    var job: WindowJob {
        WindowJob(
            pipeline: pipeline, client: client, transformer: transformer, staging: staging, rejects: rejects,
            budget: budget, retry: retry, slots: TokenSlots(token: pipeline.source.token, directory: tokenLockDirectory), logger: logger,
            lanes: lanes, parameterColumns: parameterColumns)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root.appendingPathComponent("_wolkvox/staging/\(pipeline.name)"))
    }

    /// Lands a day's rows and its rejects; returns its entry for the run report and the state.
    /// `rejectSegmentIDs` are the windows' segments that hold rejects for the day: a window may
    /// have rows and no rejects there, or the other way round.
    func land(day: LocalDay, segmentIDs: [String], rejectSegmentIDs: [String], windows: [Window], mode: DayStaging.Mode = .replace)
        async throws -> LandedDayRecord
    {
        let windowTexts = windows.map(\.description)
        let manifest = try await staging.commit(day: day, segmentIDs: segmentIDs, windows: windowTexts, mode: mode)
        let rejected = try await rejects.commitIfAny(day: day, segmentIDs: rejectSegmentIDs, windows: windowTexts, mode: mode)
        var digest = SHA256()
        for sha in manifest.fileDigests { digest.update(data: Data(sha.utf8)) }
        let contentDigest = digest.finalize().map { String(format: "%02x", $0) }.joined()
        // An unchanged day keeps its manifest, which names the run that really wrote it.
        let changed = manifest.runID == runID
        let entry = RunReport.Day(
            day: day.description, status: .landed, rows: manifest.rows, rejects: rejected, windows: windowTexts,
            reason: nil, changed: changed)
        let landed = PipelineState.LandedDay(
            rows: manifest.rows, rejects: rejected, runID: manifest.runID,
            landedAt: changed ? RunID.iso(Date()) : manifest.writtenAt, contentDigest: contentDigest)
        logger.info("\(changed ? "landed" : "unchanged") \(pipeline.report.name) dt=\(day): \(manifest.rows) rows\(rejected > 0 ? ", \(rejected) rejects" : "")",
                    metadata: ["day": "\(day)", "rows": "\(manifest.rows)", "rejects": "\(rejected)"])
        return LandedDayRecord(entry: entry, state: landed, bytes: changed ? manifest.bytes : 0)
    }
}
