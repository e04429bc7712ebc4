import ArgumentParser
import Foundation
import Logging
import WolkvoxETL

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the windows and API calls a run would make, without calling the API."
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @OptionGroup var range: RangeOptions

    @Flag(help: "Print the plan as JSON.")
    var json = false

    func run() async throws {
        for pipeline in try loadPipelines(self.pipeline) {
            let (from, to) = try range.resolve(timeZone: pipeline.source.timeZone)
            let landed = try await Self.landedState(pipeline)
            if json {
                print(try PlanText.json(pipeline: pipeline, from: from, to: to, landed: landed))
            } else {
                print(try PlanText.render(pipeline: pipeline, from: from, to: to, landed: landed))
            }
        }
    }

    /// The state the pipeline's runs left, from its folder or its bucket (one GET, with the
    /// credentials a run would use), so a plan for an `s3://` root knows what landed.
    static func landedState(_ pipeline: Pipeline) async throws -> PipelineState {
        var options = RunOptions()
        try S3CredentialsLookup.apply(to: &options, pipeline: pipeline)
        return try await LandedState.read(pipeline: pipeline, credentials: options.s3Credentials, logger: Logger(label: "wolkvox-etl"))
    }
}
