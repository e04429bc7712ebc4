import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Every report of the catalog, served by the mock, lands through the CLI from the starter that
/// `wolkvox-etl new` writes for it: one day each (a snapshot once), both formats.
@Suite(.serialized)
struct CatalogLandingTests {
    /// The starter with the mock's address in place of `server:`; the rest as `new` wrote it.
    static func starter(for report: String, baseURL: String) async throws -> String {
        let made = try await CLI.run(["new", report])
        try #require(made.exitCode == 0, "\(made.stderr)")
        let lines = made.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let server = try #require(lines.firstIndex { $0.hasPrefix("  server: ") }, "the starter has no server line")
        let format = try #require(lines.firstIndex { $0.hasPrefix("  format: ") }, "the starter has no format line")
        var edited = lines
        edited[server] = "  base_url: \(baseURL)"
        edited[format] = "  format: [ndjson, csv]"
        return edited.joined(separator: "\n")
    }

    @Test func everyCatalogReportLandsFromItsStarter() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        // The mock's clock at a busy hour of the asked day, so "the calls of the last 10 minutes"
        // has calls whatever the time the tests run.
        config.now = { LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 4), hour: 10, minute: 0, second: 0) }
        try await MockServer.withRunning(config) { server in
            var failures: [String] = []
            var empty: [String] = []
            for report in ReportCatalog.all {
                let file = try dir.write("\(report.name).yaml", try await Self.starter(for: report.name, baseURL: server.baseURL))
                var arguments = ["run", file.path, "--quiet"]
                if report.kind != .snapshot { arguments += ["--from", "2025-03-04", "--to", "2025-03-04"] }
                let result = try await CLI.run(arguments, environment: ["WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
                guard result.exitCode == 0 else {
                    failures.append("\(report.name) exit \(result.exitCode): \(result.stdout.suffix(400)) \(result.stderr.suffix(400))")
                    continue
                }
                let dataset = dir.url.appendingPathComponent("out/\(report.name)")
                let days = try LandedFiles.days(dataset)
                if days.isEmpty { empty.append(report.name); continue }
                for day in days {
                    let files = try FileManager.default.contentsOfDirectory(atPath: dataset.appendingPathComponent(day).path)
                    #expect(files.contains("_manifest.json"), "\(report.name) \(day)")
                    #expect(files.contains { $0.hasSuffix(".ndjson.gz") } && files.contains { $0.hasSuffix(".csv.gz") }, "\(report.name) \(day): \(files)")
                }
            }
            #expect(failures.isEmpty, "\(failures.count) of \(ReportCatalog.all.count) reports failed:\n\(failures.joined(separator: "\n"))")
            #expect(empty.isEmpty, "landed no day: \(empty)")
            try Self.expectDuckDBReadsEveryTree(dir.url.appendingPathComponent("out"))
        }
    }

    /// DuckDB, where installed, reads every report's tree in both formats (nested values, JSON
    /// cells, hive partitions) and counts what the manifests say landed.
    static func expectDuckDBReadsEveryTree(_ out: URL) throws {
        var manifestRows: [String: Int] = [:]
        for report in ReportCatalog.all {
            let dataset = out.appendingPathComponent(report.name)
            for day in try LandedFiles.days(dataset) {
                let data = try Data(contentsOf: dataset.appendingPathComponent("\(day)/_manifest.json"))
                let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                manifestRows[report.name, default: 0] += manifest?["rows"] as? Int ?? 0
            }
        }
        let withRows = manifestRows.filter { $0.value > 0 }.keys.sorted()
        let script = #"""
            import sys
            try:
                import duckdb
            except ImportError:
                print("NODUCKDB"); sys.exit(0)
            root = sys.argv[1]
            for name in sys.argv[2:]:
                try:
                    j = duckdb.sql(f"SELECT count(*) FROM read_json('{root}/{name}/**/*.ndjson.gz', hive_partitioning = true)").fetchall()[0][0]
                    c = duckdb.sql(f"SELECT count(*) FROM read_csv('{root}/{name}/**/*.csv.gz', hive_partitioning = true)").fetchall()[0][0]
                    print(f"{name} {j} {c}")
                except Exception as e:
                    print(f"{name} ERROR {str(e).splitlines()[0]}")
            """#
        let result = try PythonReader.run(script, arguments: [out.path] + withRows)
        guard !result.output.contains("NODUCKDB") else {
            print("DuckDB is not installed: the catalog's trees were read by Python only")
            return
        }
        #expect(result.status == 0, "\(result.output.suffix(2000))")
        let counted = Dictionary(uniqueKeysWithValues: result.output.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: " ", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        })
        for name in withRows {
            let rows = manifestRows[name] ?? 0
            #expect(counted[name] == "\(rows) \(rows)", "\(name): manifests say \(rows) rows, DuckDB counted \(counted[name] ?? "nothing") (ndjson csv)")
        }
    }
}
