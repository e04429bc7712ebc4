import Foundation
import Testing
import WolkvoxMock

/// The token never leaves the process: not in logs (debug, text or JSON), errors, state,
/// manifests, run reports, rejects, staging leftovers, lock files or file names.
@Suite(.serialized)
struct SecretsTests {
    static let token = "zqS3CRETtok-7f4e-991x"
    static let wrongToken = "zqWRONGtok-5c2a-118y"

    /// Every place `secret` shows up in what lives under `root`: file names, file bytes, and the
    /// decompressed bytes of gzip files (a token inside a compressed row would not show as-is).
    static func occurrences(of secret: String, under root: URL) throws -> [String] {
        let needle = Data(secret.utf8)
        var found: [String] = []
        for path in LandedFiles.tree(root) {
            if path.contains(secret) { found.append("name: \(path)") }
            let url = root.appendingPathComponent(path)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let data = try Data(contentsOf: url)
            if data.range(of: needle) != nil { found.append("bytes: \(path)") }
            if path.hasSuffix(".gz"), try LandedFiles.gunzip(url, keepingWhatIsThere: true).range(of: needle) != nil {
                found.append("gunzipped: \(path)")
            }
        }
        return found
    }

    @Test func theTokenAppearsNowhereTheToolWritesOrPrints() async throws {
        let dir = try TempDir()
        let locks = try TempDir()
        var config = MockConfiguration()
        config.token = Self.token
        config.dataset.spikes = []
        config.dataset.invalidValueRate = 0.02  // so rejects are written too
        config.recordCap = 3_000
        config.faults.seed = 11
        config.faults.serverErrorRate = 0.15
        config.faults.dropMidBodyRate = 0.1
        config.faults.garbledJSONRate = 0.1
        config.faults.busyRate = 0.1
        config.faults.maintenanceRate = 0.05
        config.faults.maintenancePage = .json
        let pipeline = BackfillTests.pipeline(
            report: "cdr_1", name: "secrets", from: "2025-01-06", to: "2025-01-19",
            retry: "{ attempts: 10, base_delay: 10ms, max_delay: 50ms }",
            extra: "  max_records_per_request: 3000\n  max_calls: 5000\n")
        let file = try dir.write("p.yaml", pipeline)
        let printed: [(String, String)] = try await MockServer.withRunning(config) { server in
            var printed: [(String, String)] = []
            let env = ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": Self.token, "WOLKVOX_LOCK_DIR": locks.url.path]

            // Killed in the middle, so its staging files stay behind to be searched. A window can
            // discard its files between our look and the kill: then kill a fresh run again.
            let staging = dir.url.appendingPathComponent("out/_wolkvox/staging")
            for attempt in 1...5 {
                let killed = try Spawned.start(["run", file.path, "--log-level", "trace", "--no-resume"], environment: env, cwd: dir.url,
                                               logPrefix: locks.url.appendingPathComponent("killed\(attempt)"))
                try await waitUntil("the run has staged a file") { !LandedTree.regularFiles(staging).isEmpty }
                killed.kill()
                _ = await killed.exit()
                printed.append(("killed run \(attempt)", killed.stdout + killed.stderr))
                if !LandedTree.regularFiles(staging).isEmpty { break }
            }
            #expect(!LandedTree.regularFiles(staging).isEmpty, "a killed run leaves staging files to search")
            let leftovers = try Self.occurrences(of: Self.token, under: dir.url)
            #expect(leftovers.isEmpty, "after a kill: \(leftovers)")

            // With faults: every retry, warning and debug line is printed.
            for format in ["json", "text"] {
                let run = try await CLI.run(["run", file.path, "--no-resume", "--log-level", "debug", "--log-format", format],
                                            environment: env, cwd: dir.url)
                #expect(run.exitCode == 0, "\(run.stdout) \(run.stderr.suffix(1500))")
                printed.append(("\(format) run", run.stdout + run.stderr))
            }
            #expect(server.stats.totalFaults > 5, "faults were met: \(server.stats.faultsInjected)")
            #expect(printed[1].1.contains("retrying window"), "debug logs were printed")

            // A refused token: the error names the problem, not the value.
            let refused = try await CLI.run(["run", file.path, "--log-level", "debug", "--log-format", "json"],
                                            environment: env.merging(["WOLKVOX_TOKEN": Self.wrongToken]) { $1 }, cwd: dir.url)
            #expect(refused.exitCode == 4, "\(refused.stdout) \(refused.stderr.suffix(1500))")
            printed.append(("refused run", refused.stdout + refused.stderr))
            // The pipeline checker and the planner read the token too.
            for command in [["validate", file.path], ["plan", file.path, "--json"], ["run", file.path, "--dry-run"]] {
                let run = try await CLI.run(command, environment: env, cwd: dir.url)
                #expect(run.exitCode == 0, "\(command): \(run.stderr)")
                printed.append((command[0], run.stdout + run.stderr))
            }
            return printed
        }

        let out = dir.url.appendingPathComponent("out")
        #expect(!LandedFiles.tree(out.appendingPathComponent("_wolkvox/rejects")).isEmpty, "rejects were written")
        #expect(!LandedFiles.tree(out.appendingPathComponent("_wolkvox/runs")).isEmpty, "run reports were written")
        #expect(!LandedFiles.tree(out.appendingPathComponent("_wolkvox/state")).isEmpty, "state was written")
        for secret in [Self.token, Self.wrongToken] {
            for (what, text) in printed {
                #expect(!text.contains(secret), "\(what) printed the token")
            }
            let written = try Self.occurrences(of: secret, under: dir.url) + Self.occurrences(of: secret, under: locks.url)
            #expect(written.isEmpty, "\(written)")
        }
    }
}
