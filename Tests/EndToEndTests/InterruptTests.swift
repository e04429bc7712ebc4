import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C and SIGTERM: stop asking, land what is whole, keep the state, exit 130; the next run resumes.
@Suite(.serialized)
struct InterruptTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsCleanlyAndTheNextRunLandsTheRest(signal: Int32) async throws {
        let dir = try TempDir()
        var config = MockConfiguration()
        config.dataset.spikes = []
        config.responseDelay = .milliseconds(150)
        let file = try dir.write("p.yaml", BackfillTests.pipeline(
            report: "cdr_6", name: "interrupt", from: "2025-03-01", to: "2025-03-30", formats: "ndjson"))
        try await MockServer.withRunning(config) { server in
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token", "WOLKVOX_LOCK_DIR": dir.url.path + "/locks"]
            let run = try Spawned.start(["run", file.path], environment: env, cwd: dir.url, logPrefix: dir.url.appendingPathComponent("run1"))
            // Wait until some days have landed, then signal.
            let dataset = dir.url.appendingPathComponent("out/cdr_6")
            try await waitUntil("3 days have landed") { (try? LandedFiles.days(dataset).count) ?? 0 >= 3 }
            _ = Glibc.kill(run.process.processIdentifier, signal)
            let exit = await run.exit()
            #expect(exit.status == 130, "\(run.stdout) \(run.stderr.suffix(600))")
            #expect(run.stdout.contains("interrupted"), "\(run.stdout)")
            let landedFirst = try LandedFiles.days(dataset).count
            #expect(landedFirst >= 3 && landedFirst < 30)
            let callsFirst = server.stats.requests

            let second = try await CLI.run(["run", file.path], environment: env, cwd: dir.url)
            #expect(second.exitCode == 0, "\(second.stdout)")
            #expect(second.stdout.contains("resumed \(landedFirst)"), "\(second.stdout)")
            #expect(try LandedFiles.days(dataset).count == 30)
            // Days landed before the signal are not asked again (a window cut short may be).
            #expect(server.stats.requests - callsFirst <= 30 - landedFirst + 2)
        }
    }
}
