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
            let code = try await runOnce(pipelines)
            if code != 0 { throw ExitCode(code) }
            return
        }
        // Watch mode: polls until a signal cancels the wait or the run.
        let code = try await cancellingOnSignals { [self] in
            var last: Int32 = 0
            while !Task.isCancelled {
                last = try await runOnce(pipelines)
                if last == 3 || last == 4 || last == 130 { break }
                do { try await Task.sleep(for: interval) } catch { break }
            }
            return last == 130 ? 0 : last
        }
        if code != 0 { throw ExitCode(code) }
    }

    private func runOnce(_ pipelines: [Pipeline]) async throws -> Int32 {
        var worst: Int32 = 0
        for pipeline in pipelines {
            let (from, to) = try range.resolve(timeZone: pipeline.source.timeZone)
            if dryRun {
                print(try PlanText.render(pipeline: pipeline, from: from, to: to))
                continue
            }
            let display = ProgressDisplay(mode: quiet ? .never : progress)
            var options = RunOptions(from: from, to: to, resume: !noResume)
            options.gzipEngine = DeflateEnvironment.engine()
            options.progress = { display.update($0) }
            let runner = PipelineRunner(pipeline: pipeline, options: options, logger: Logger(label: "wolkvox-etl"))
            let result = watch == nil ? try await cancellingOnSignals { try await runner.run() } : try await runner.run()
            display.finish()
            print(result.summary)
            if let metricsFile { try MetricsFile.write(result.report, to: metricsFile) }
            // Auth and quota end the file's run: the next pipelines would spend calls for nothing.
            if [3, 4, 130].contains(result.exitCode) { return result.exitCode }
            worst = max(worst, result.exitCode)
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
