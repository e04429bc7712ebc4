import Testing
import WolkvoxAPI
import WolkvoxMock

/// The client over real loopback HTTP against the mock Wolkvox API.
struct WolkvoxClientTests {
    static let token = "mock-token"

    static var smallData: MockConfiguration {
        var configuration = MockConfiguration()
        configuration.dataset.volumeScale = 0.05
        configuration.dataset.spikes = []
        return configuration
    }

    /// The first weekday from 2025-01-06 on that holds rows of `report`.
    static func busyDay(_ server: MockServer, _ report: ReportSpec) -> LocalDay {
        var day = LocalDay(year: 2025, month: 1, day: 6)
        while day.isoWeekday > 5 || server.dataset.count(report: report, in: Window(days: day, through: day)) == 0 {
            day = day.adding(days: 1)
        }
        return day
    }

    static func fetchAll(
        _ client: WolkvoxClient, _ report: ReportSpec, _ window: Window?
    ) async throws -> (FetchResult, [RawRecord]) {
        var records: [RawRecord] = []
        let result = try await client.fetch(report: report, window: window) { records.append($0) }
        return (result, records)
    }

    @Test(arguments: [ReportCatalog.cdr1, ReportCatalog.cdr6, ReportCatalog.chat4, ReportCatalog.diagram13])
    func recordsEqualTheGroundTruthOfTheWindow(report: ReportSpec) async throws {
        try await MockServer.withRunning(Self.smallData) { server in
            let day = Self.busyDay(server, report)
            let window = Window(days: day, through: day)
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token)
            let (result, records) = try await Self.fetchAll(client, report, window)
            let truth = server.dataset.records(report: report, in: window)
            #expect(records == truth)
            #expect(result.records == truth.count)
            #expect(result.httpStatus == 200)
            #expect(result.envelope?.code == "200")
            #expect(result.envelope?.recordCount == truth.count)
            #expect(result.bytes > 0)
            #expect(result.url == server.baseURL + "/api/v2/reports_manager.php?api=\(report.name)&date_ini=\(window.start.compact)&date_end=\(window.end.compact)")
        }
    }

    @Test func aFullDefaultVolumeDayStreamsWhole() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let day = Self.busyDay(server, ReportCatalog.cdr1)
            let window = Window(days: day, through: day)
            let client = WolkvoxClient(baseURL: server.baseURL + "/", token: Self.token)
            var count = 0
            var first: RawRecord?
            let result = try await client.fetch(report: ReportCatalog.cdr1, window: window) { record in
                if first == nil { first = record }
                count += 1
            }
            let truth = server.dataset.records(report: ReportCatalog.cdr1, in: window)
            #expect(count == truth.count)
            #expect(result.records == truth.count)
            #expect(first == truth.first)
        }
    }

    @Test func emptyWindowIsA404WithZeroRecords() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let day = LocalDay(year: 2023, month: 12, day: 31)
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token)
            let (result, records) = try await Self.fetchAll(client, ReportCatalog.cdr1, Window(days: day, through: day))
            #expect(records.isEmpty)
            #expect(result.records == 0)
            #expect(result.httpStatus == 404)
            #expect(result.envelope?.msg == "Validate dates entered")
        }
    }

    @Test func realTimeReportNeedsNoWindow() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token)
            let (result, records) = try await Self.fetchAll(client, ReportCatalog.callsLast10, nil)
            #expect(result.url.hasSuffix("/api/v2/real_time.php?api=calls_last_10"))
            #expect(result.records == records.count)
            #expect([200, 404].contains(result.httpStatus))
        }
    }

    @Test func truncationAtTheCapIsVisibleAsTheRecordCount() async throws {
        var configuration = Self.smallData
        configuration.recordCap = 25
        try await MockServer.withRunning(configuration) { server in
            let day = Self.busyDay(server, ReportCatalog.cdr1)
            let window = Window(days: day, through: day)
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token)
            let (result, records) = try await Self.fetchAll(client, ReportCatalog.cdr1, window)
            #expect(result.records == 25)
            #expect(records == Array(server.dataset.records(report: ReportCatalog.cdr1, in: window).prefix(25)))
        }
    }

    @Test func wrongTokenIsRefusedFinallyAndNeverPrinted() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let secret = "s3cr3t-token-value"
            let client = WolkvoxClient(baseURL: server.baseURL, token: secret)
            let day = Self.busyDay(server, ReportCatalog.cdr1)
            let error = await #expect(throws: WolkvoxAPIError.self) {
                _ = try await Self.fetchAll(client, ReportCatalog.cdr1, Window(days: day, through: day))
            }
            #expect(error?.kind == .tokenRefused)
            #expect(error?.isRetryable == false)
            #expect(error?.url.hasPrefix(server.baseURL + "/api/v2/reports_manager.php?api=cdr_1") == true)
            #expect(error.map { "\($0)".contains(secret) } == false)
            #expect(error.map { $0.url.contains(secret) } == false)
        }
    }

    @Test func unknownReportIsABadRequest() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let bogus = ReportSpec(
                name: "cdr_999", title: "bogus", endpoint: .reportsManager, fields: [], dayOf: .windowDay, key: [])
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token)
            let day = LocalDay(year: 2025, month: 1, day: 6)
            let error = await #expect(throws: WolkvoxAPIError.self) {
                _ = try await Self.fetchAll(client, bogus, Window(days: day, through: day))
            }
            #expect(error?.kind == .badRequest)
            #expect(error?.httpStatus == 400)
            #expect(error?.isRetryable == false)
        }
    }

    @Test func wholeTransferIsCappedByTheRequestTimeout() async throws {
        var configuration = Self.smallData
        configuration.responseDelay = .seconds(5)
        try await MockServer.withRunning(configuration) { server in
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token, requestTimeout: .milliseconds(300))
            let day = Self.busyDay(server, ReportCatalog.cdr1)
            let error = await #expect(throws: WolkvoxAPIError.self) {
                _ = try await Self.fetchAll(client, ReportCatalog.cdr1, Window(days: day, through: day))
            }
            #expect(error?.kind == .timeout)
            #expect(error?.isRetryable == true)
        }
    }

    @Test func aRefusedConnectionIsToldApartTriedBrieflyAndNotLeftToTheCallersRetries() async throws {
        // Port 1 on loopback: nothing listens there on a test machine.
        let client = WolkvoxClient(baseURL: "http://127.0.0.1:1", token: Self.token, requestTimeout: .seconds(50))
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: WolkvoxAPIError.self) {
            _ = try await Self.fetchAll(client, ReportCatalog.cdr1, nil)
        }
        let elapsed = clock.now - started
        #expect(error?.kind == .connectionRefused, "\(String(describing: error))")
        #expect(error?.isRetryable == false)
        #expect(error?.message.contains("127.0.0.1:1 refused the connection 3 times in a row") == true, "\(String(describing: error))")
        #expect(error.map { "\($0)" }?.contains("http://127.0.0.1:1/api/v2/") == true, "\(String(describing: error))")
        // Before, the connection pool tried again until the request's deadline (here 47.5 s).
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    @Test func aHostNameThatDoesNotResolveFailsAtOnceAndIsNotRetryable() async throws {
        // RFC 2606 reserves .invalid: no resolver answers for it.
        let client = WolkvoxClient(baseURL: "https://wolkvox-etl-test.invalid", token: Self.token, requestTimeout: .seconds(50))
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: WolkvoxAPIError.self) {
            _ = try await Self.fetchAll(client, ReportCatalog.cdr1, nil)
        }
        let elapsed = clock.now - started
        #expect(error?.kind == .hostNotFound, "\(String(describing: error))")
        #expect(error?.isRetryable == false)
        #expect(error?.message.contains("wolkvox-etl-test.invalid does not resolve") == true, "\(String(describing: error))")
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    @Test func anErrorThrownByTheConsumerStopsTheTransfer() async throws {
        struct Full: Error {}
        try await MockServer.withRunning(Self.smallData) { server in
            let client = WolkvoxClient(baseURL: server.baseURL, token: Self.token)
            let day = Self.busyDay(server, ReportCatalog.cdr1)
            var seen = 0
            await #expect(throws: Full.self) {
                _ = try await client.fetch(report: ReportCatalog.cdr1, window: Window(days: day, through: day)) { _ in
                    seen += 1
                    if seen == 3 { throw Full() }
                }
            }
            #expect(seen == 3)
        }
    }
}
