import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Values that do not coerce: the record goes, unchanged, to `_wolkvox/rejects/`, never lost.
@Suite(.serialized)
struct RejectsTests {
    @Test func badValuesGoToRejectsWithFieldAndReasonAndNothingIsLost() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.invalidValueRate = 0.05
        config.dataset.spikes = []
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_1", name: "rejects", from: "2025-03-03", to: "2025-03-05", formats: "ndjson"))
        try await MockServer.withRunning(config) { server in
            let result = try await CLI.run(["run", file.path], environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            #expect(result.stdout.contains("rejects"), "the summary says where rejects are: \(result.stdout)")
            let truth = server.dataset.records(
                report: ReportCatalog.cdr1,
                in: Window(days: LocalDay(year: 2025, month: 3, day: 3), through: LocalDay(year: 2025, month: 3, day: 5)))
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/cdr_1"))
            let rejected = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/_wolkvox/rejects/cdr_1"))
            #expect(rejected.count > 0)
            #expect(landed.count + rejected.count == truth.count)
            for reject in rejected.prefix(50) {
                let field = try #require(reject.row["field"] as? String)
                #expect(["cost", "time_seg", "time_min"].contains(field), "\(reject.row)")
                #expect((reject.row["reason"] as? String)?.isEmpty == false)
                let record = try #require(reject.row["record"] as? [String: Any])
                #expect(record[field] is String, "the record is kept as the API sent it")
                #expect((record["date"] as? String)?.hasPrefix(reject.dt) == true)
            }
            // Rejects never appear where readers of the data look.
            #expect(!LandedFiles.tree(dir.url.appendingPathComponent("out/cdr_1")).contains { $0.contains("reject") })
        }
    }
}
