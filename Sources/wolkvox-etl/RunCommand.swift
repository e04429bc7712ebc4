import ArgumentParser
import Foundation
import Logging
import WolkvoxETL

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Extract, transform and land a pipeline's range of days."
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @OptionGroup var range: RangeOptions

    @Flag(help: "Plan and print the windows; call nothing, write nothing.")
    var dryRun = false

    @Flag(help: "Ignore an interrupted run of the same range and fetch every day again.")
    var noResume = false

    @OptionGroup var logging: LogOptions

    func run() async throws {
        logging.bootstrap()
        var worst: Int32 = 0
        for pipeline in try loadPipelines(self.pipeline) {
            let (from, to) = try range.resolve(timeZone: pipeline.source.timeZone)
            if dryRun {
                print(try PlanText.render(pipeline: pipeline, from: from, to: to))
                continue
            }
            let runner = PipelineRunner(
                pipeline: pipeline, options: RunOptions(from: from, to: to, resume: !noResume),
                logger: Logger(label: "wolkvox-etl"))
            let result = try await cancellingOnSignals { try await runner.run() }
            print(result.summary)
            // Auth and quota end the file's run: the next pipelines would spend calls for nothing.
            if [3, 4, 130].contains(result.exitCode) { throw ExitCode(result.exitCode) }
            worst = max(worst, result.exitCode)
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
