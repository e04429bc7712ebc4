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

    @Option(help: "Progress on stderr: auto (live on a terminal, plain lines otherwise), always, never.")
    var progress: ProgressDisplay.Mode = .auto

    @Flag(help: "Print only errors and the final summary.")
    var quiet = false

    @Option(help: "Write the run's figures in the Prometheus textfile format to this path.")
    var metricsFile: String?

    @Option(help: "Run again every INTERVAL (e.g. 5m, 30s) until SIGINT/SIGTERM; for real-time reports and relative ranges.")
    var watch: String?

    @OptionGroup var logging: LogOptions

    func validate() throws {
        if let watch, WatchInterval.parse(watch) == nil {
            throw ValidationError("--watch '\(watch)': use a duration such as 30s, 5m or 1h (at least 1s)")
        }
    }

    func run() async throws {
        logging.bootstrap(quiet: quiet)
        let pipelines = try loadPipelines(self.pipeline)
        guard let watch, let interval = WatchInterval.parse(watch) else {
            let exit = try await runOnce(pipelines)
            if exit != .landed { throw ExitCode(exit.rawValue) }
            return
        }
        // Watch mode: polls until a signal cancels the wait or the run.
        let exit = try await cancellingOnSignals { [self] in
            var last = RunExit.landed
            while !Task.isCancelled {
                last = try await runOnce(pipelines)
                if last.stopsLaterRuns { break }
                do { try await Task.sleep(for: interval) } catch { break }
            }
            // Stopping a watch by signal is how it is meant to end.
            return last == .interrupted ? RunExit.landed : last
        }
        if exit != .landed { throw ExitCode(exit.rawValue) }
    }

    private func runOnce(_ pipelines: [Pipeline]) async throws -> RunExit {
        var worst = RunExit.landed
        for pipeline in pipelines {
            let (from, to) = try range.resolve(timeZone: pipeline.source.timeZone)
            if dryRun {
                print(try PlanText.render(pipeline: pipeline, from: from, to: to, landed: try await PlanCommand.landedState(pipeline)))
                continue
            }
            let display = ProgressDisplay(mode: quiet ? .never : progress)
            var options = RunEnvironment.applied(to: RunOptions(from: from, to: to, resume: !noResume))
            options.progress = { display.update($0) }
            try S3CredentialsLookup.apply(to: &options, pipeline: pipeline)
            let runner = PipelineRunner(pipeline: pipeline, options: options, logger: Logger(label: "wolkvox-etl"))
            let result = watch == nil ? try await cancellingOnSignals { try await runner.run() } : try await runner.run()
            display.finish()
            print(result.summary)
            if let metricsFile { try MetricsFile.write(result.report, to: metricsFile) }
            if result.exit.stopsLaterRuns { return result.exit }
            worst = worst.worse(result.exit)
        }
        return worst
    }
}

/// `--watch` intervals: `30s`, `5m`, `1h`.
enum WatchInterval {
    /// A pipeline-file duration of at least one second.
    static func parse(_ text: String) -> Duration? {
        guard let interval = DurationText.parse(text), interval >= .seconds(1) else { return nil }
        return interval
    }
}
