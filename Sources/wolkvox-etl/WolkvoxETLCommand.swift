import ArgumentParser
import Foundation
import WolkvoxETL

@main
struct WolkvoxETLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wolkvox-etl",
        abstract: "Land Wolkvox contact-center reports as day-partitioned gzipped NDJSON/CSV.",
        discussion: """
            Exit codes: 0 all days landed, 1 some days failed (landed ones stay), 2 bad pipeline or \
            arguments, 3 call budget or quota reached (resume later), 4 authentication refused.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, PlanCommand.self, ValidateCommand.self, ReportsCommand.self,
            MockServerCommand.self, DemoCommand.self,
            NewCommand.self,
        ]
    )

    /// One place renders errors and maps them to the documented exit codes.
    static func main() async {
        MemoryTuning.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as PipelineError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(2)
        } catch let error as ETLError {
            FileHandle.standardError.write(Data(("error: \(error.message)\n").utf8))
            Foundation.exit(ExitCodes.code(for: error))
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            // Argument errors are "bad arguments": exit 2 as documented, not ArgumentParser's 64.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

enum ExitCodes {
    static func code(for error: ETLError) -> Int32 {
        switch error.code {
        case .pipeline: return 2
        case .quota: return 3
        case .auth: return 4
        case .interrupted: return 130
        case .state, .io, .daysFailed: return 1
        }
    }
}
