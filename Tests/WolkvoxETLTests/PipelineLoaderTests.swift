import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// Pipeline text and environment shared by the pipeline tests.
enum PipelineFixtures {
    static let token = "s3cr3t-T0KEN-value-42"
    static let environment = ["WOLKVOX_TOKEN": token, "WOLKVOX_SERVER": "0002"]

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pipelines")
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Where the fixture's pipeline asks: `server:` or `base_url:`.
    enum Endpoint {
        case server(String)
        case baseURL(String)

        var line: String {
            switch self {
            case .server(let number): "  server: \(number)"
            case .baseURL(let url): "  base_url: \(url)"
            }
        }
    }

    /// A minimal valid cdr_1 pipeline built from values: a nil value leaves its line out (a
    /// missing key), any other is written as given (so invalid values can be tried); `source`
    /// lines are appended to `source:`, then the optional `transform:`/`load:` blocks (each line
    /// indented by the caller). `from`/`to` are left out for calls_last_10, which takes no range.
    static func yaml(
        report: String = "cdr_1", version: String? = "1", name: String? = "calls-nightly",
        endpoint: Endpoint? = .server("\"0002\""), token: String? = "${WOLKVOX_TOKEN}",
        from: String? = "yesterday", to: String? = "yesterday",
        source: [String] = [], transform: [String] = [], load: [String] = []
    ) -> String {
        var lines: [String] = []
        if let version { lines.append("version: \(version)") }
        if let name { lines.append("name: \(name)") }
        lines += ["source:", "  report: \(report)"]
        if let endpoint { lines.append(endpoint.line) }
        if let token { lines.append("  token: \(token)") }
        if report != "calls_last_10" {
            if let from { lines.append("  from: \(from)") }
            if let to { lines.append("  to: \(to)") }
        }
        lines += source.map { "  " + $0 }
        if !transform.isEmpty { lines += ["transform:"] + transform.map { "  " + $0 } }
        if !load.isEmpty { lines += ["load:"] + load.map { "  " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ yaml: String, environment: [String: String] = environment) throws -> Pipeline {
        try PipelineLoader.parse(yaml: yaml, file: "pipeline.yaml", environment: environment)
    }

    /// The rendered problems of a pipeline that must not load.
    static func problems(_ yaml: String, environment: [String: String] = environment) -> [String] {
        do {
            _ = try parse(yaml, environment: environment)
            return []
        } catch let error as PipelineError {
            return error.problems.map(\.description)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }
}

struct PipelineLoaderTests {
    @Test(arguments: ["cdr_1", "cdr_6", "chat_4", "diagram_13", "calls_last_10"])
    func validFixtureLoadsForEveryReport(report: String) throws {
        let pipeline = try PipelineLoader.load(
            path: PipelineFixtures.path("\(report).yaml"), environment: PipelineFixtures.environment)
        #expect(pipeline.source.report.name == report)
        #expect(pipeline.file == PipelineFixtures.path("\(report).yaml"))
        #expect(pipeline.version == 1)
    }

    @Test func designExampleKeepsEveryValue() throws {
        let p = try PipelineLoader.load(path: PipelineFixtures.path("cdr_1.yaml"), environment: PipelineFixtures.environment)
        #expect(p.name == "calls-nightly")
        #expect(p.source.baseURL == "https://wv0002.wolkvox.com")
        #expect(p.source.server == "0002")
        #expect(p.source.token == PipelineFixtures.token)
        #expect(p.source.timeZone.identifier == "America/Bogota")
        #expect(p.source.from == .yesterday(offsetDays: 0))
        #expect(p.source.to == .yesterday(offsetDays: 0))
        #expect(p.source.lookbackDays == 2)
        #expect(p.source.retry == .init(attempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(60)))
        #expect(p.transform.fields == ["cost": .decimal])
        #expect(p.transform.drop == ["comment"])
        #expect(p.transform.rename == ["time_seg": "duration_s"])
        #expect(p.transform.onError == .reject)
        #expect(p.load == .init(root: "out", formats: [.ndjson, .csv], compression: .gzip, gzipLevel: 6, maxRecordsPerFile: 1_000_000))
    }

    @Test func omittedKeysTakeTheDocumentedDefaults() throws {
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml())
        #expect(p.source.timeZone.identifier == "America/Bogota")
        #expect(p.source.lookbackDays == 0)
        #expect(p.source.maxDaysPerRequest == 31)
        #expect(p.source.maxRecordsPerRequest == 60_000)
        #expect(p.source.concurrency == 2)
        #expect(p.source.maxCalls == 1000)
        #expect(p.source.licenses == nil)
        #expect(p.source.timeout == .seconds(60))
        #expect(p.source.retry == .init(attempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(60)))
        #expect(p.transform == .init(fields: [:], drop: [], rename: [:], onError: .reject))
        #expect(p.load == .init(root: "out", formats: [.ndjson], compression: .gzip, gzipLevel: 6, maxRecordsPerFile: 1_000_000))
    }

    @Test func otherFixturesKeepTheirValues() throws {
        let env = PipelineFixtures.environment
        let chat = try PipelineLoader.load(path: PipelineFixtures.path("chat_4.yaml"), environment: env)
        #expect(chat.source.baseURL == "https://wv0008.wolkvox.com")
        #expect(chat.source.server == nil)
        #expect(chat.source.licenses == 40)
        #expect(chat.source.from == .today(offsetDays: -7))
        #expect(chat.source.retry == .init(attempts: 3, baseDelay: .milliseconds(500), maxDelay: .seconds(300)))
        #expect(chat.transform.onError == .null)
        #expect(chat.load.compression == .none)

        let ivr = try PipelineLoader.load(path: PipelineFixtures.path("diagram_13.yaml"), environment: [:])
        #expect(ivr.source.baseURL == "http://127.0.0.1:8080")
        #expect(ivr.source.token == "test-token")
        #expect(ivr.load.root == "out")
        #expect(ivr.source.timeout == .seconds(120))
        #expect(ivr.transform.fields == ["second_event": .duration, "campaign": .string])

        let snapshot = try PipelineLoader.load(path: PipelineFixtures.path("calls_last_10.yaml"), environment: env)
        #expect(snapshot.source.from == nil && snapshot.source.to == nil)
        #expect(snapshot.source.timeZone.secondsFromGMT() == 0)
        #expect(snapshot.transform.onError == .fail)

        let unconnected = try PipelineLoader.load(path: PipelineFixtures.path("cdr_6.yaml"), environment: env)
        #expect(unconnected.load.formats == [.csv])
        #expect(unconnected.source.from == .day(LocalDay(year: 2025, month: 1, day: 1)))
    }

    @Test func formatAcceptsAStringOrAList() throws {
        #expect(try PipelineFixtures.parse(PipelineFixtures.yaml(load: ["format: csv"])).load.formats == [.csv])
        #expect(try PipelineFixtures.parse(PipelineFixtures.yaml(load: ["format: [csv, ndjson]"])).load.formats == [.csv, .ndjson])
    }

    @Test func onErrorNullMayBeWrittenUnquoted() throws {
        #expect(try PipelineFixtures.parse(PipelineFixtures.yaml(transform: ["on_error: null"])).transform.onError == .null)
    }

    @Test(arguments: [
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://127.0.0.1:9000/", "http://127.0.0.1:9000"),
        ("http://127.8.9.10", "http://127.8.9.10"),
        ("http://[::1]:8080", "http://[::1]:8080"),
        ("https://proxy.example.com/wolkvox", "https://proxy.example.com/wolkvox"),
    ])
    func baseURLAllowsHTTPOnlyOnLoopback(url: String, expected: String) throws {
        let yaml = PipelineFixtures.yaml(endpoint: .baseURL(url))
        #expect(try PipelineFixtures.parse(yaml).source.baseURL == expected)
    }

    @Test func unquotedServerKeepsItsLeadingZeros() throws {
        let yaml = PipelineFixtures.yaml(endpoint: .server("0002"))
        #expect(try PipelineFixtures.parse(yaml).source.baseURL == "https://wv0002.wolkvox.com")
    }

    @Test func missingFileIsAProblemNamingThePath() {
        #expect {
            try PipelineLoader.load(path: "/nonexistent/pipe.yaml", environment: [:])
        } throws: { error in
            (error as? PipelineError)?.description == "/nonexistent/pipe.yaml: no such file"
        }
    }
}
