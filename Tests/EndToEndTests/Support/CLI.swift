import Foundation
import Subprocess
import SystemPackage

/// Runs the built `wolkvox-etl` binary, as a user or cron would.
struct CLI {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits beside the test bundle in the build folder.
    static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("wolkvox-etl")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return bundle.appendingPathComponent("wolkvox-etl")
    }

    /// Runs the binary without blocking a thread of Swift's cooperative pool: the mock serving
    /// the child lives in this process and needs those threads to answer.
    static func run(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) async throws -> Result {
        try await run(executable: binary, arguments, environment: environment, cwd: cwd)
    }

    /// Runs any program the same way (a shell line in the README tests, for one). Subprocess
    /// drains both pipes while the child runs and waits for it without holding a thread.
    static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil)
        async throws -> Result
    {
        let overrides = Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) })
        let result = try await Subprocess.run(
            .path(FilePath(executable.path)), arguments: Arguments(arguments),
            environment: .inherit.updating(overrides), workingDirectory: cwd.map { FilePath($0.path) },
            output: .string(limit: outputLimit), error: .string(limit: outputLimit))
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = code
        // As a shell reports it: 128 + the signal.
        case .signaled(let signal): status = 128 + signal
        }
        return Result(exitCode: status, stdout: result.standardOutput, stderr: result.standardError)
    }

    /// Far above what any command of the tests prints (a demo's summary, a plan of a year).
    static let outputLimit = 64 << 20
}

/// A temporary folder removed when the test ends.
final class TempDir: Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("wolkvox-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}
