import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// PHP's "Maximum execution time" page, sent with 200 where the JSON should be, as the client
/// reads it over loopback.
struct WolkvoxClientTimeLimitTests {
    static let day = LocalDay(year: 2025, month: 1, day: 7)
    static let window = Window(days: day, through: day)

    @Test func theMocksExecutionLimitPageIsAServerTimeLimit() async throws {
        var configuration = WolkvoxClientTests.smallData
        configuration.executionLimitRows = 0
        try await MockServer.withRunning(configuration) { server in
            let day = WolkvoxClientTests.busyDay(server, ReportCatalog.cdr1)
            let client = WolkvoxClient(baseURL: server.baseURL, token: WolkvoxClientTests.token)
            let error = await #expect(throws: WolkvoxAPIError.self) {
                _ = try await WolkvoxClientTests.fetchAll(client, ReportCatalog.cdr1, Window(days: day, through: day))
            }
            #expect(error?.kind == .serverTimeLimit)
            #expect(error?.httpStatus == 200)
            #expect(error?.isRetryable == true)
            #expect(error?.message.contains("Maximum execution time of 60 seconds") == true)
            #expect(server.stats.executionLimitHits == 1)
        }
    }

    /// A PHP that flushed part of the JSON before the limit: the page follows the last whole
    /// record, or cuts one in the middle of a value.
    @Test(arguments: [
        #"{"code":"200","error":null,"msg":"3 records were found","data":[{"a":"1"},{"a":"2"},"#,
        #"{"code":"200","error":null,"msg":"3 records were found","data":[{"a":"1"},{"a":"2"#,
    ])
    func aPageAfterPartOfTheJSONIsAServerTimeLimitToo(flushed: String) async throws {
        let tape = FileManager.default.temporaryDirectory.appendingPathComponent("time-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tape, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tape) }
        let padding = String(repeating: #"{"a":"x"},"#, count: 20_000)  // spans several chunks
        let body = flushed.replacingOccurrences(of: #"[{"a":"1"}"#, with: #"[{"a":"1"},"# + padding.dropLast())
            + "<br />\n<b>Fatal error</b>:  Maximum execution time of 60 seconds exceeded in "
            + "<b>/var/www/html/api/v2/reports_manager.php</b> on line <b>412</b><br />\n"
        let mockTape = MockTape(mode: .replay, directory: tape.path)
        try Data(body.utf8).write(to: URL(fileURLWithPath: mockTape.bodyPath(report: "cdr_1", window: Self.window)))
        var configuration = MockConfiguration()
        configuration.tape = mockTape
        try await MockServer.withRunning(configuration) { server in
            let client = WolkvoxClient(baseURL: server.baseURL, token: WolkvoxClientTests.token)
            let error = await #expect(throws: WolkvoxAPIError.self) {
                _ = try await WolkvoxClientTests.fetchAll(client, ReportCatalog.cdr1, Self.window)
            }
            #expect(error?.kind == .serverTimeLimit, "\(String(describing: error))")
            #expect(error?.httpStatus == 200)
        }
    }

    @Test func aPHPWarningInTheJSONIsNotATimeLimit() async throws {
        var configuration = WolkvoxClientTests.smallData
        configuration.faults.garbledJSONRate = 1
        try await MockServer.withRunning(configuration) { server in
            let day = WolkvoxClientTests.busyDay(server, ReportCatalog.cdr1)
            let client = WolkvoxClient(baseURL: server.baseURL, token: WolkvoxClientTests.token)
            for _ in 0..<3 {  // whichever junk each request gets: a PHP warning or stray brackets
                let error = await #expect(throws: WolkvoxAPIError.self) {
                    _ = try await WolkvoxClientTests.fetchAll(client, ReportCatalog.cdr1, Window(days: day, through: day))
                }
                #expect(error?.kind == .malformedResponse || error?.kind == .server, "\(String(describing: error))")
            }
        }
    }
}
