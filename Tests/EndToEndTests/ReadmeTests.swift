import Foundation
import Testing
import WolkvoxMock

/// What the README promises works when pasted: `new` starters, the offline shell examples and
/// the DuckDB query over a landed tree.
@Suite(.serialized)
struct ReadmeTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let offlineEnvironment = ["WOLKVOX_SERVER": "0002", "WOLKVOX_TOKEN": "x"]
    static let reports = ["cdr_1", "cdr_6", "chat_4", "diagram_13", "calls_last_10"]

    static func readme() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The bodies of the README's fenced blocks of one language.
    static func blocks(_ language: String, in text: String) -> [String] {
        var result: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```" + language {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                result.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return result
    }

    @Test(arguments: reports)
    func aNewStarterPipelineValidatesAsWritten(report: String) async throws {
        let dir = try TempDir()
        let made = try await CLI.run(["new", report])
        #expect(made.exitCode == 0, "\(made.stderr)")
        let file = try dir.write("\(report).yaml", made.stdout)
        let checked = try await CLI.run(["validate", file.path], environment: Self.offlineEnvironment, cwd: dir.url)
        #expect(checked.exitCode == 0, "\(checked.stderr)\n\(made.stdout)")
        #expect(made.stdout.contains("server: ${WOLKVOX_SERVER}") && made.stdout.contains("token: ${WOLKVOX_TOKEN}"))
        let hasRange = made.stdout.contains("\n  from: ") || made.stdout.contains("\n  to: ")
        #expect(hasRange == (report != "calls_last_10"), "only calls_last_10 goes without a range")
        // The fields, with their catalog types, are listed as comments.
        let listed = try await CLI.run(["reports", report])
        for line in listed.stdout.split(separator: "\n") where line.hasPrefix("  ") {
            let words = line.split(separator: " ")
            #expect(made.stdout.contains("#   \(words[0]):") && made.stdout.contains(" \(words[1]) "), "\(line)")
        }
    }

    @Test func aNewStarterHasEveryKeyOfThePipelineReference() async throws {
        let made = try await CLI.run(["new", "cdr_1", "--name", "calls-nightly"])
        #expect(made.exitCode == 0)
        #expect(made.stdout.contains("name: calls-nightly"))
        var keys: Set<String> = []
        for line in try Self.readme().split(separator: "\n") where line.hasPrefix("| `") {
            let firstColumn = line.split(separator: "|")[0]
            for part in firstColumn.split(separator: "`") where part.first?.isLetter == true {
                keys.insert(String(part.split(separator: ".").last ?? part))
            }
        }
        #expect(keys.count >= 20, "the README's table of keys: \(keys.sorted())")
        for key in keys {
            #expect(made.stdout.contains("\(key):"), "`new` leaves out \(key)")
        }
    }

    @Test func newRefusesToOverwriteAFileAndUnknownReports() async throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("p.yaml").path
        let first = try await CLI.run(["new", "cdr_6", "--out", path])
        #expect(first.exitCode == 0, "\(first.stderr)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("report: cdr_6"))
        let second = try await CLI.run(["new", "chat_4", "--out", path])
        #expect(second.exitCode == 2)
        #expect(second.stderr.contains("already exists"), "\(second.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        let unknown = try await CLI.run(["new", "cdr_1x"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("did you mean 'cdr_1'?"), "\(unknown.stderr)")
    }

    @Test func theReadmesOfflineShellExamplesWorkWhenPasted() async throws {
        let commands = try Self.blocks("sh", in: Self.readme()).flatMap { $0.split(separator: "\n") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { line in ["validate", "plan", "reports"].contains { line.hasPrefix("wolkvox-etl \($0) ") } }
        #expect(commands.count >= 3, "\(commands)")
        for command in commands {
            let result = try await Shell.run(command, environment: Self.offlineEnvironment, cwd: Self.repositoryRoot)
            #expect(result.exitCode == 0, "\(command)\n\(result.stderr)")
        }
    }

    @Test func theReadmesDuckDBQueriesReadALandedTree() async throws {
        // DuckDB is optional (`.ci/run` installs it from PyPI); without it there is nothing to check.
        guard try await Shell.run("python3 -c 'import duckdb'").exitCode == 0 else { return }
        let sql = try #require(Self.blocks("sql", in: Self.readme()).first { $0.contains("read_json") })
        let dir = try TempDir()
        let file = try dir.write("p.yaml", BackfillTests.pipeline(report: "cdr_1", name: "readme", from: "2025-03-03", to: "2025-03-04"))
        try await MockServer.withRunning(MockConfiguration()) { server in
            let result = try await CLI.run(["run", file.path, "--quiet"],
                environment: ["WOLKVOX_BASE_URL": server.baseURL, "WOLKVOX_TOKEN": "mock-token"], cwd: dir.url)
            #expect(result.exitCode == 0, "\(result.stderr.suffix(1000))")
        }
        let script = """
            import sys, duckdb
            for statement in sys.argv[1].split(";"):
                if statement.strip():
                    rows = duckdb.sql(statement).fetchall()
                    print(len(rows), rows[0] if rows else None)
            """
        let result = try await Shell.run("python3 -c \"$SCRIPT\" \"$SQL\"", environment: ["SCRIPT": script, "SQL": sql], cwd: dir.url)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let counts = result.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] }
        // One row a landed day, then the five-row CSV sample.
        #expect(counts == ["2", "5"], "\(result.stdout)")
        #expect(result.stdout.contains("datetime.date(2025, 3, 3)"), "dt is a partition column: \(result.stdout)")
    }
}

/// Runs a line through `sh`, as pasted into a terminal, with the built binary first on PATH.
enum Shell {
    static func run(_ line: String, environment: [String: String] = [:], cwd: URL? = nil) async throws -> CLI.Result {
        var env = environment
        env["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try await CLI.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", line], environment: env, cwd: cwd)
    }
}
