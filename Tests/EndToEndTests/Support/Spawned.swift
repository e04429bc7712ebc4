import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The built binary started in the background, for tests that kill it mid-run (`CLI.run` waits
/// for the end). Output goes to files, so an unread pipe never blocks the child.
final class Spawned: @unchecked Sendable {
    /// How a spawned run ended.
    struct Exit: Sendable {
        /// The exit code, or the signal number when `signaled`.
        var status: Int32
        var signaled: Bool
    }

    let process: Process
    let stdoutFile: URL
    let stderrFile: URL

    private init(process: Process, stdoutFile: URL, stderrFile: URL) {
        self.process = process
        self.stdoutFile = stdoutFile
        self.stderrFile = stderrFile
    }

    /// Starts `wolkvox-etl ARGUMENTS` in `cwd`; stdout and stderr go to `logPrefix.out` and
    /// `logPrefix.err` (replaced each time).
    static func start(_ arguments: [String], environment: [String: String] = [:], cwd: URL, logPrefix: URL) throws -> Spawned {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = cwd
        let out = URL(fileURLWithPath: logPrefix.path + ".out")
        let err = URL(fileURLWithPath: logPrefix.path + ".err")
        for file in [out, err] {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Spawned(process: process, stdoutFile: out, stderrFile: err)
    }

    /// SIGKILL: no handler runs, nothing is flushed, as when the machine or the OOM killer stops it.
    func kill() {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the end without blocking a thread of Swift's cooperative pool (the mock serving
    /// the child lives in this process).
    func exit() async -> Exit {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume(returning: Exit(
                    status: self.process.terminationStatus, signaled: self.process.terminationReason == .uncaughtSignal))
            }
        }
    }

    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }
}
