import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

/// Re-landing recent days (lookback): a day whose content did not change is left untouched.
@Suite(.serialized)
struct LookbackTests {
    /// Which file a path names and when it was last written: a file rewritten in place gets a
    /// new mtime, one replaced by a rename a new inode; the kernel's nanosecond stamps make a
    /// rewrite by a later process visible without waiting for the clock's next second.
    struct FileIdentity: Equatable {
        let inode: UInt64
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int

        init(path: String) throws {
            var info = stat()
            guard stat(path, &info) == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
            inode = UInt64(info.st_ino)
            modifiedSeconds = info.st_mtim.tv_sec
            modifiedNanoseconds = info.st_mtim.tv_nsec
        }
    }

    static func snapshot(_ dataset: URL) throws -> [String: (FileIdentity, Data)] {
        var files: [String: (FileIdentity, Data)] = [:]
        for day in try LandedFiles.days(dataset) {
            let dir = dataset.appendingPathComponent(day)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                let url = dir.appendingPathComponent(name)
                files["\(day)/\(name)"] = (try FileIdentity(path: url.path), try Data(contentsOf: url))
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
            let again = try await CLI.run(["run", file.path, "--no-resume"], environment: env, cwd: dir.url)
            #expect(again.exitCode == 0)
            #expect(again.stdout.contains("4 unchanged"), "\(again.stdout)")
            let after = try Self.snapshot(dataset)
            #expect(Set(before.keys) == Set(after.keys))
            for (name, (identity, bytes)) in before {
                #expect(after[name]?.0 == identity, "\(name) was rewritten")
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
            for (name, (identity, _)) in before {
                if name.hasPrefix("dt=2025-03-05/") {
                    #expect(after[name]?.0 != identity || after[name] == nil, "\(name) should be new")
                } else {
                    #expect(after[name]?.0 == identity, "\(name) was rewritten")
                }
            }
        }
    }
}
