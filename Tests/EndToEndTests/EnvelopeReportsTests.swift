import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Answers whose rows are not a `data` list: `data` as one object (one row) and
/// `campaign.campaign_15`'s `records` beside `total_records`.
@Suite(.serialized)
struct EnvelopeReportsTests {
    @Test func callDurationBandsLandAsOneRowOfTypedObjectsPerDay() async throws {
        let dir = try TempDir()
        let spec = try #require(ReportCatalog.report(named: "cdr_4"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let file = try dir.write("cdr_4.yaml", BackfillTests.pipeline(report: "cdr_4", name: "bands", from: "2025-03-10", to: "2025-03-12"))
            let result = try await CLI.run(
                ["run", file.path], environment: ReportsTests.env.merging(["WOLKVOX_BASE_URL": server.baseURL]) { $1 }, cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let root = dir.url.appendingPathComponent("out/cdr_4")
            let landed = try LandedFiles.ndjsonRows(root)
            #expect(landed.map(\.dt) == ["2025-03-10", "2025-03-11", "2025-03-12"], "one row a day")
            for (dt, row) in landed {
                #expect(Array(row.keys).sorted() == spec.fields.map(\.name).sorted())
                let day = try #require(LocalDay(iso: dt))
                let truth = try #require(server.dataset.records(report: spec, in: Window(days: day, through: day)).first)
                for field in spec.fields {
                    let band = try #require(row[field.name] as? [String: Any], "\(field.name) is an object: \(row)")
                    let sent = try #require(try JSONSerialization.jsonObject(with: Data((truth[field.name] ?? "").utf8)) as? [String: String])
                    #expect((band["calls"] as? NSNumber)?.stringValue == sent["calls"], "\(field.name)")
                    if sent["percentage"] == "-" { #expect(band["percentage"] is NSNull) }
                }
            }
            let compare = try PythonReader.run(PythonReader.compareCSVWithNDJSON, arguments: [root.path])
            #expect(compare.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SAME 3", "\(compare.output)")
        }
    }

    @Test func campaignRecordsBesideTotalRecordsLandEveryRecord() async throws {
        let dir = try TempDir()
        let spec = try #require(ReportCatalog.report(named: "campaign.campaign_15"))
        var config = MockConfiguration()
        let now = LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 30, second: 0)
        config.now = { now }
        try await MockServer.withRunning(config) { server in
            let file = try dir.write("c15.yaml", BackfillTests.pipeline(
                report: spec.name, name: "campaign", from: nil, to: nil, formats: "ndjson", extra: "  params: { campaign_id: 7 }\n"))
            let result = try await CLI.run(
                ["run", file.path], environment: ReportsTests.env.merging(["WOLKVOX_BASE_URL": server.baseURL]) { $1 }, cwd: dir.url)
            let truth = server.dataset.records(report: spec, in: MockDataset.snapshotWindow(at: now))
            try #require(!truth.isEmpty)
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/\(spec.name)"))
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            #expect(landed.count == truth.count)
            #expect(Set(landed.compactMap { $0.row["id_call"] as? String })
                == Set(truth.compactMap { $0["id_call"] }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }))
        }
    }

    @Test func aServerInfoSnapshotIsOneRowStampedWithItsTime() async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.now = { LocalDateTime(day: LocalDay(year: 2025, month: 3, day: 11), hour: 10, minute: 30, second: 0) }
        try await MockServer.withRunning(config) { server in
            let file = try dir.write("info.yaml", BackfillTests.pipeline(report: "real_time.info_server", name: "info", from: nil, to: nil, formats: "ndjson"))
            let result = try await CLI.run(
                ["run", file.path], environment: ReportsTests.env.merging(["WOLKVOX_BASE_URL": server.baseURL]) { $1 }, cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1500))")
            let landed = try LandedFiles.ndjsonRows(dir.url.appendingPathComponent("out/real_time.info_server"))
            #expect(landed.count == 1)
            #expect((landed.first?.row["snapshot_at"] as? String)?.hasSuffix("-05:00") == true)
        }
    }
}
