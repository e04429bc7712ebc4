import Foundation

/// Runs a tool the way a downstream user would (gzip, sha256sum, python3) to check our files
/// with an independent implementation.
struct ToolResult {
    var status: Int32
    var output: Data
    var text: String { String(decoding: output, as: UTF8.self) }
}

enum Shell {
    static func run(_ arguments: [String]) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read before waiting: a multi-MB output would otherwise fill the pipe and block the tool.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolResult(status: process.terminationStatus, output: data)
    }

    static func isAvailable(_ tool: String) -> Bool {
        (try? run(["sh", "-c", "command -v \(tool)"]))?.status == 0
    }

    /// Whether `python3` is here and can import `module`.
    static func pythonImports(_ module: String) -> Bool {
        isAvailable("python3") && (try? run(["python3", "-c", "import \(module)"]))?.status == 0
    }

    /// The decompressed content of a gzip file, as `gzip -dc` sees it.
    static func gunzip(_ path: String) throws -> Data {
        let result = try run(["gzip", "-dc", path])
        guard result.status == 0 else { throw ToolFailure(message: "gzip -dc \(path) exited \(result.status)") }
        return result.output
    }

    /// `sha256sum`'s hex digest of a file.
    static func sha256sum(_ path: String) throws -> String {
        let result = try run(["sha256sum", path])
        guard result.status == 0 else { throw ToolFailure(message: "sha256sum \(path) exited \(result.status)") }
        return String(result.text.prefix { $0 != " " })
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
