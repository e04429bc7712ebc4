import ArgumentParser
import Foundation
import WolkvoxETL

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files: exit 0, or every problem with file:line and what is allowed."
    )

    @Argument(help: "Pipeline files (YAML).")
    var pipelines: [String]

    func run() throws {
        var problems = 0
        for path in pipelines {
            do {
                let pipelines = try loadPipelines(path)
                print("\(path): ok (" + pipelines.map { "\($0.name): \($0.report.name)" }.joined(separator: "; ") + ")")
            } catch let error as PipelineError {
                problems += error.problems.count
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
            }
        }
        if problems > 0 { throw ExitCode(2) }
    }
}
