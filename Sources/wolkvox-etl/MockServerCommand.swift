import ArgumentParser
import Foundation
import UnixSignals
import WolkvoxAPI
import WolkvoxETL
import WolkvoxMock

struct MockServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-server",
        abstract: "Run a local fake Wolkvox API (every catalog report, the documented limits) until Ctrl-C."
    )

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The token the server accepts in the wolkvox-token header.")
    var token: String = "mock-token"

    @Option(help: "Seed of the synthetic data: the same seed always serves the same records.")
    var seed: UInt64 = 1

    @Option(help: "Records per response before silent truncation (the API's cap is 60000).")
    var recordCap: Int = 60_000

    @Option(help: ArgumentHelp(
        "Which rows a window holding more than --record-cap keeps: its newest, its oldest, or an arbitrary "
            + "seeded subset (the real API does not document which).",
        valueName: "newest|oldest|arbitrary"))
    var capKeeps: MockCapKeeps = .newest

    @Option(help: ArgumentHelp(
        "The order the kept rows are sent in: newest-first (as the real API appears to), oldest-first, "
            + "shuffled (a seeded permutation, no time order at all) or shuffled-within-hours (hours newest "
            + "first, each hour's rows oldest first).",
        valueName: "order"))
    var rowOrder: MockRowOrder = .newestFirst

    @Option(help: ArgumentHelp(
        "What \"N records were found\" counts: the rows sent (returned) or every row of the window, "
            + "before the cap (window). The real API does not say.",
        valueName: "window|returned"))
    var msgCounts: MockMsgCount = .returned

    @Option(help: "Seed of --cap-keeps arbitrary and --row-order shuffled, apart from --seed (the data).")
    var selectionSeed: UInt64 = 1

    @Option(help: ArgumentHelp(
        "Hold each records answer this many microseconds per row of its window, before the cap, as the "
            + "API's query scans the whole window (100 makes a 600,000-row month take 60 s).",
        valueName: "microseconds"))
    var queryTimePerRow: Double = 0

    @Option(help: ArgumentHelp(
        "PHP's execution time limit, in rows: a window holding more (before the cap) gets 200 with PHP's "
            + "\"Maximum execution time of 60 seconds exceeded\" HTML page instead of JSON.",
        valueName: "rows"))
    var executionLimitRows: Int?

    @Option(help: ArgumentHelp(
        "How long a window over --execution-limit-rows runs before its fatal error page (the API's limit is 60).",
        valueName: "seconds"))
    var executionLimitDelay: Double = 0

    @Option(help: "Seed of the injected faults (which requests misbehave).")
    var faultSeed: UInt64 = 1

    @Option(help: "Share of requests answered 500 with an HTML page (0...1).")
    var serverErrorRate: Double = 0

    @Option(help: "Share of 200 answers whose connection drops half way.")
    var dropRate: Double = 0

    @Option(help: "Share of answers held for --slow-delay seconds.")
    var slowRate: Double = 0

    @Option(help: "How long a slow answer stalls, in seconds.")
    var slowDelay: Double = 90

    @Option(help: "Share of 200 answers whose JSON is cut short.")
    var truncatedJsonRate: Double = 0

    @Option(help: "Share of 200 answers whose JSON is garbled.")
    var garbledJsonRate: Double = 0

    @Option(help: "Share of requests refused with the documented 403 for a busy token.")
    var busyRate: Double = 0

    @Option(help: "Share of requests refused with a 403 maintenance page.")
    var maintenanceRate: Double = 0

    @Option(help: "Answer 403 TOKEN LIMIT EXCEEDED after this many calls (the daily quota).")
    var quotaAfterCalls: Int?

    @Option(help: ArgumentHelp(
        "Answer 500 every time a query asks this parameter value for a window touching this day (repeatable).",
        valueName: "name=value@YYYY-MM-DD"))
    var failQuery: [FailingQuery] = []

    @Option(help: "Send Retry-After with this many seconds on busy, maintenance and 500 answers.")
    var retryAfter: Int?

    @Option(help: "Multiply every report's daily volume (1 = about 2,750 cdr_1 rows a weekday).")
    var volumeScale: Double = 1

    @Flag(help: "Leave out the two documented cdr_1 spikes (2025-03-14 and 2025-03-20 10:00).")
    var noSpikes = false

    @Option(help: ArgumentHelp(
        "Extra rows on a day, spread over its hours (repeatable; replaces the two documented spikes).",
        valueName: "report:YYYY-MM-DD[:H-H]:rows"))
    var spike: [MockSpike] = []

    @Option(help: ArgumentHelp(
        "Save each 200 records body sent to DIR (REPORT_DATEINI_DATEEND.json; empty windows as .404).",
        valueName: "dir"))
    var record: String?

    @Option(help: ArgumentHelp(
        "Serve the bodies saved by --record from DIR; a query never recorded gets a 500 naming the file.",
        valueName: "dir"))
    var replay: String?

    @Flag(help: "With --replay: generate and record a query never recorded instead of answering 500.")
    var recordMissing = false

    @Option(help: ArgumentHelp(
        "A report this server has not enabled: it answers 404 like an empty window (repeatable).",
        valueName: "report"))
    var disableReport: [String] = []

    @Option(help: ArgumentHelp(
        "On SIGINT/SIGTERM, write the request counts as JSON to this file before exiting.", valueName: "path"))
    var statsFile: String?

    func validate() throws {
        for (name, rate) in [
            ("--server-error-rate", serverErrorRate), ("--drop-rate", dropRate), ("--slow-rate", slowRate),
            ("--truncated-json-rate", truncatedJsonRate), ("--garbled-json-rate", garbledJsonRate),
            ("--busy-rate", busyRate), ("--maintenance-rate", maintenanceRate),
        ] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, got \(rate)")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        guard recordCap >= 1 else { throw ValidationError("--record-cap must be at least 1") }
        guard queryTimePerRow >= 0 else { throw ValidationError("--query-time-per-row must be 0 or more, got \(queryTimePerRow)") }
        if let executionLimitRows, executionLimitRows < 0 {
            throw ValidationError("--execution-limit-rows must be 0 or more, got \(executionLimitRows)")
        }
        guard executionLimitDelay >= 0 else {
            throw ValidationError("--execution-limit-delay must be 0 or more seconds, got \(executionLimitDelay)")
        }
        guard volumeScale > 0 else { throw ValidationError("--volume-scale must be above 0, got \(volumeScale)") }
        if noSpikes && !spike.isEmpty { throw ValidationError("--no-spikes and --spike exclude each other") }
        for name in disableReport where ReportCatalog.report(named: name) == nil {
            throw ValidationError("--disable-report: unknown report '\(name)'" + ReportNameHelp.didYouMean(name))
        }
        if record != nil && replay != nil { throw ValidationError("--record and --replay exclude each other") }
        if recordMissing && replay == nil { throw ValidationError("--record-missing goes with --replay") }
        if let replay {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: replay, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--replay \(replay): no such folder (record one with --record)")
            }
        }
    }

    func run() async throws {
        var configuration = MockConfiguration()
        configuration.port = port
        configuration.token = token
        configuration.seed = seed
        configuration.recordCap = recordCap
        configuration.capKeeps = capKeeps
        configuration.rowOrder = rowOrder
        configuration.msgCounts = msgCounts
        configuration.selectionSeed = selectionSeed
        configuration.queryTimePerRow = .nanoseconds(Int64(queryTimePerRow * 1000))
        configuration.executionLimitRows = executionLimitRows
        configuration.executionLimitDelay = .milliseconds(Int64(executionLimitDelay * 1000))
        configuration.faults.seed = faultSeed
        configuration.faults.serverErrorRate = serverErrorRate
        configuration.faults.dropMidBodyRate = dropRate
        configuration.faults.slowRate = slowRate
        configuration.faults.slowDelay = .milliseconds(Int64(slowDelay * 1000))
        configuration.faults.truncatedJSONRate = truncatedJsonRate
        configuration.faults.garbledJSONRate = garbledJsonRate
        configuration.faults.busyRate = busyRate
        configuration.faults.maintenanceRate = maintenanceRate
        configuration.faults.quotaAfterCalls = quotaAfterCalls
        configuration.faults.retryAfterSeconds = retryAfter
        configuration.faults.failingQueries = failQuery
        configuration.dataset.volumeScale = volumeScale
        if noSpikes { configuration.dataset.spikes = [] }
        if !spike.isEmpty { configuration.dataset.spikes = spike }
        configuration.disabledReports = Set(disableReport.compactMap { ReportCatalog.report(named: $0)?.name })
        if let record {
            try FileManager.default.createDirectory(atPath: record, withIntermediateDirectories: true)
            configuration.tape = MockTape(mode: .record, directory: record)
        } else if let replay {
            configuration.tape = MockTape(mode: .replay, directory: replay, recordMissing: recordMissing)
        }
        let server = MockServer(configuration)
        // Trapped before the server starts, so a script that signals as soon as it reads the URL
        // still gets its stats file.
        let signals = statsFile == nil ? nil : await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let statsOnSignal = Task {
            guard let signals, let statsFile else { return }
            for await _ in signals { Self.writeStatsAndExit(server: server, path: statsFile) }
        }
        defer { statsOnSignal.cancel() }
        let seed = seed
        let token = token
        try await server.run { url in
            // Written unbuffered: a script reading our stdout through a pipe needs the URL now.
            let text =
                "wolkvox mock listening on \(url) (seed \(seed)); Ctrl-C stops it\n"
                + "try: curl -H 'wolkvox-token: \(token)' "
                + "'\(url)/api/v2/reports_manager.php?api=cdr_1&date_ini=20250303000000&date_end=20250303235959'\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Writes the stats and exits (on SIGINT/SIGTERM), so a script that started the mock can read
    /// how many calls a tool made (`requests`, `requestsByReport`, `refusedBusy`, `truncated`,
    /// `executionLimitHits`).
    private static func writeStatsAndExit(server: MockServer, path: String) -> Never {
        let stats = server.stats
        let byReport = stats.requestsByReport.sorted { $0.key < $1.key }
            .map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        let json = "{\"requests\": \(stats.requests), \"requestsByReport\": {\(byReport)}, "
            + "\"refusedBusy\": \(stats.refusedBusy), \"truncated\": \(stats.truncated), "
            + "\"executionLimitHits\": \(stats.executionLimitHits), "
            + "\"maxInFlight\": \(stats.maxInFlight), \"tokenCalls\": \(stats.tokenCalls), "
            + "\"faults\": \(stats.totalFaults)}\n"
        if !FileManager.default.createFile(atPath: path, contents: Data(json.utf8)) {
            FileHandle.standardError.write(Data("mock-server: cannot write --stats-file \(path)\n".utf8))
            Foundation.exit(1)
        }
        Foundation.exit(0)
    }
}
