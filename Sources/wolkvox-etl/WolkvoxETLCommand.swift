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
            Foundation.exit(RunExit.badPipeline.rawValue)
        } catch let error as ETLError {
            FileHandle.standardError.write(Data(("error: \(error.message)\n").utf8))
            Foundation.exit(RunExit(error).rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            // Argument errors are "bad arguments": exit 2 as documented, not ArgumentParser's 64.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? RunExit.badPipeline.rawValue : code.rawValue)
        }
    }
}
