package import FlatExport
package import Foundation
package import ObjectStorage
package import WolkvoxAPI

/// How one invocation of `run` differs from the pipeline file.
package struct RunOptions: Sendable {
    /// Overrides of the pipeline's range (a backfill is the nightly pipeline with another range).
    package var from: LocalDay?
    package var to: LocalDay?
    /// Plan and report, but call nothing and write nothing.
    package var dryRun = false
    /// Continue an interrupted run of the same range from the state file.
    package var resume = true
    /// "Now", for tests; the real clock otherwise.
    package var now: @Sendable () -> Date = { Date() }
    /// Called after every window outcome and landed day (from the run's own task).
    package var progress: (@Sendable (RunProgress) -> Void)?
    /// Where runs sharing a token meet to hold at most two requests at once; nil for the
    /// machine's shared folder (in the temporary folder).
    package var tokenLockDirectory: String?
    /// Credentials for an `s3://` root (the command line finds them: libraries read no environment).
    package var s3Credentials: S3Credentials?
    /// The deflate implementation of gzip files.
    package var gzipEngine: GzipEngine = .preferred
    /// How long an `s3://` run's lease on the pipeline outlives its last renewal: how long a
    /// killed run keeps the next one waiting.
    package var s3LeaseTTL: Duration = .seconds(60)

    package init(from: LocalDay? = nil, to: LocalDay? = nil, dryRun: Bool = false, resume: Bool = true) {
        self.from = from
        self.to = to
        self.dryRun = dryRun
        self.resume = resume
    }
}

/// The days a run covers: the pipeline's range (or the overrides), widened by `lookback_days`.
package struct RunRange: Sendable, Equatable {
    package var first: LocalDay
    package var last: LocalDay

    package var days: [LocalDay] {
        (first.daysSinceEpoch...last.daysSinceEpoch).map { LocalDay(daysSinceEpoch: $0) }
    }

    /// - Throws: `ETLError(.pipeline)` when the range is empty or reversed.
    package static func resolve(pipeline: Pipeline, options: RunOptions) throws -> RunRange? {
        guard pipeline.report.takesRange else { return nil }
        let today = DateSpec.today(in: pipeline.source.timeZone, now: options.now())
        guard let from = options.from ?? pipeline.source.from?.resolve(today: today),
            let to = options.to ?? pipeline.source.to?.resolve(today: today)
        else {
            throw ETLError(.pipeline, "\(pipeline.report.name) needs a range: set source.from and source.to, or pass --from and --to")
        }
        guard from <= to else {
            throw ETLError(.pipeline, "--from \(from) is after --to \(to): the range is empty")
        }
        let widened = min(from, to.adding(days: -pipeline.source.lookbackDays))
        return RunRange(first: widened, last: to)
    }
}
