import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Re-landing recent days (lookback): a day whose content did not change is left untouched.
@Suite(.serialized)
struct LookbackTests {
    static func snapshot(_ dataset: URL) throws -> [String: (Date, Data)] {
        var files: [String: (Date, Data)] = [:]
        for day in try LandedFiles.days(dataset) {
            let dir = dataset.appendingPathComponent(day)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                let url = dir.appendingPathComponent(name)
                let modified = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
                files["\(day)/\(name)"] = (modified, try Data(contentsOf: url))
            }
        }
        return files
    }

    @Test func aReRunOverUnchangedDataRewritesNothingAndOverChangedDataOnlyTheChangedDays() async throws {
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_1", name: "lookback", from: "2025-03-03", to: "2025-03-06"))
        var quiet = MockConfiguration()
        quiet.dataset.spikes = []
        let dataset = dir.url.appendingPathComponent("out/cdr_1")
        try await MockServer.withRunning(quiet) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
            #expect(try await CLI.run(["run", file.path], environment: env, cwd: dir.url).exitCode == 0)
            let before = try Self.snapshot(dataset)
            try await Task.sleep(for: .milliseconds(1100))  // mtimes would move if anything were rewritten
            let again = try await CLI.run(["run", file.path, "--no-resume"], environment: env, cwd: dir.url)
            #expect(again.exitCode == 0)
            #expect(again.stdout.contains("4 unchanged"), "\(again.stdout)")
            let after = try Self.snapshot(dataset)
            #expect(Set(before.keys) == Set(after.keys))
            for (name, (mtime, bytes)) in before {
                #expect(after[name]?.0 == mtime, "\(name) was rewritten")
                #expect(after[name]?.1 == bytes, "\(name) changed")
            }
        }
        // Late calls arrive for one day: only that day is replaced.
        var late = quiet
        late.dataset.spikes = [MockSpike(report: "cdr_1", day: LocalDay(year: 2025, month: 3, day: 5), hours: 9...9, rows: 40)]
        let before = try Self.snapshot(dataset)
        try await MockServer.withRunning(late) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"]
            let result = try await CLI.run(["run", file.path, "--no-resume"], environment: env, cwd: dir.url)
            #expect(result.exitCode == 0)
            #expect(result.stdout.contains("changed: 2025-03-05"), "\(result.stdout)")
            let after = try Self.snapshot(dataset)
            for (name, (mtime, _)) in before {
                if name.hasPrefix("dt=2025-03-05/") {
                    #expect(after[name]?.0 != mtime || after[name] == nil, "\(name) should be new")
                } else {
                    #expect(after[name]?.0 == mtime, "\(name) was rewritten")
                }
            }
        }
    }
}
