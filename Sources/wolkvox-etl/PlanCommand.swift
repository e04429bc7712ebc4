import ArgumentParser
import Foundation
import WolkvoxETL

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the windows and API calls a run would make, without calling the API."
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @OptionGroup var range: RangeOptions

    @Flag(help: "Print the plan as JSON.")
    var json = false

    func run() throws {
        for pipeline in try loadPipelines(self.pipeline) {
            let (from, to) = try range.resolve(timeZone: pipeline.source.timeZone)
            if json {
                print(try PlanText.json(pipeline: pipeline, from: from, to: to))
            } else {
                print(try PlanText.render(pipeline: pipeline, from: from, to: to))
            }
        }
    }
}
