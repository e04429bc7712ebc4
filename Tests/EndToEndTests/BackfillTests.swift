import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// The pipeline end to end, through the CLI, over loopback HTTP against WolkvoxMock, with the
/// landed gzip files read back by gzip and Foundation and compared with the mock's ground truth.
@Suite(.serialized)
struct BackfillTests {
    /// A pipeline for the mock built from values; `extra` lines go under `source:`.
    static func pipeline(report: String, name: String, from: String?, to: String?, formats: String = "[ndjson, csv]",
                         retry: String = "{ attempts: 3, base_delay: 10ms, max_delay: 50ms }", root: String = "out",
                         extra: String = "") -> String {
        var source = """
            version: 1
            name: \(name)
            source:
              report: \(report)
              base_url: ${WOLKVOX_BASE_URL}
              token: ${WOLKVOX_TOKEN}
              timezone: America/Bogota
              retry: \(retry)

            """
        if let from, let to { source += "  from: \(from)\n  to: \(to)\n" }
        source += extra
        source += """
            load:
              root: \(root)
              format: \(formats)

            """
        return source
    }

    @Test func aNinetyDayCallDetailBackfillLandsEveryRowOnceInItsOwnDay() async throws {
        let dir = try TempDir()
        let file = try dir.write("cdr.yaml", Self.pipeline(report: "cdr_1", name: "cdr-backfill", from: "2025-02-01", to: "2025-05-01", formats: "ndjson"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path], environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
            #expect(result.exitCode == 0, "stderr: \(result.stderr.suffix(2000))")

            let report = ReportCatalog.cdr1
            let first = LocalDay(year: 2025, month: 2, day: 1)
            let truth = server.dataset.records(report: report, in: Window(days: first, through: first.adding(days: 89)))
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/cdr_1"))
            #expect(landed.count == truth.count)

            // Every row in the day folder of its own local date.
            #expect(landed.allSatisfy { ($0.row["date"] as? String)?.hasPrefix($0.dt) == true })
            // Exactly the ground truth, as a multiset.
            let (missing, extra) = GroundTruth.difference(truth: truth, landed: landed, report: report)
            #expect(missing.count == 0, "not landed (\(missing.count)): \(missing.prefix(3))")
            #expect(extra.count == 0, "landed but not in the API (\(extra.count)): \(extra.prefix(3))")

            // Decimals keep the source's exact digits ("0.6070" stays 0.6070, never 0.607).
            let someDay = dir.url.appendingPathComponent("out/cdr_1/dt=2025-02-03")
            let rawLines = try LandedFiles.files(someDay, suffix: ".ndjson.gz").flatMap {
                String(decoding: try LandedFiles.gunzip($0), as: UTF8.self).split(separator: "\n")
            }
            let byConn = Dictionary(truth.map { ($0["conn_id"] ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            var checkedDigits = 0
            for line in rawLines.prefix(300) {
                guard let conn = line.range(of: #""conn_id":"([0-9]+)""#, options: .regularExpression).map({ String(line[$0].dropFirst(11).dropLast()) }),
                    let cost = byConn[conn]?["cost"]?.trimmingCharacters(in: .whitespaces), !cost.isEmpty
                else { continue }
                #expect(line.contains("\"cost\":\(cost),"), "cost \(cost) not kept exactly in \(line.prefix(200))")
                checkedDigits += 1
            }
            #expect(checkedDigits > 50)

            // Types after transform.
            let sample = try #require(landed.first { ($0.row["cost"] as? NSNumber) != nil }?.row)
            #expect(sample["date"] as? String ~= "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-05:00$")
            #expect(sample["telephone"] is String)
            #expect(sample["conn_id"] is String)
            #expect(landed.allSatisfy { $0.row["time_seg"] == nil || $0.row["time_seg"] is NSNumber || $0.row["time_seg"] is NSNull })

            // The heavy day and the heavy hour were split and asked again, not truncated.
            let heavy = landed.filter { $0.dt == "2025-03-14" }.count
            #expect(heavy > 60_000)
            let heavyHour = landed.filter { ($0.row["date"] as? String)?.hasPrefix("2025-03-20T10:") == true }.count
            #expect(heavyHour > 60_000)

            // Calls: at least one per 31-day window, and splits only where the cap was hit.
            let calls = server.stats.requests
            #expect(calls >= 3 && calls <= 40, "calls: \(calls)")
        }
    }

    @Test func runningTheSameRangeTwiceReplacesDaysInsteadOfDuplicatingThem() async throws {
        let dir = try TempDir()
        let file = try dir.write("chat.yaml", Self.pipeline(report: "chat_4", name: "chat", from: "2025-03-03", to: "2025-03-09"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
            let first = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(first.exitCode == 0, "\(first.stderr.suffix(2000))")
            let once = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/chat_4"))
            let second = try await CLI.run(["run", file.path, "--no-resume"], environment: env, cwd: dir.url)
            #expect(second.exitCode == 0, "\(second.stderr.suffix(2000))")
            let twice = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/chat_4"))
            #expect(once.count == twice.count)
            let truth = server.dataset.records(
                report: ReportCatalog.chat4,
                in: Window(days: LocalDay(year: 2025, month: 3, day: 3), through: LocalDay(year: 2025, month: 3, day: 9)))
            #expect(twice.count == truth.count)
            // Below a report's folder: only day folders, data files and manifests.
            let tree = LandedFiles.tree(dir.url.appendingPathComponent("out/chat_4"))
            #expect(tree.allSatisfy { $0.hasPrefix("dt=") && ($0.split(separator: "/").count == 1 || $0.hasSuffix(".ndjson.gz") || $0.hasSuffix(".csv.gz") || $0.hasSuffix("/_manifest.json")) }, "\(tree)")
        }
    }
}

extension String {
    static func ~= (text: String?, pattern: String) -> Bool {
        guard let text else { return false }
        return text.range(of: pattern, options: .regularExpression) != nil
    }
}
