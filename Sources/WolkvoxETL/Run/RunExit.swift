/// How a run ends for cron and orchestrators: the documented exit codes, decided here only.
package enum RunExit: Int32, Sendable, Hashable, CaseIterable {
    /// Every day landed.
    case landed = 0
    /// Some days failed (the landed ones stay), or the run could not go on (disk, state, server).
    case daysFailed = 1
    /// A bad pipeline file or arguments.
    case badPipeline = 2
    /// The call budget or the daily quota is spent: resume later, nothing is lost.
    case quota = 3
    /// The token was refused.
    case auth = 4
    /// SIGINT or SIGTERM stopped the run (128 + SIGINT, as a shell reports it).
    case interrupted = 130

    /// The exit of a run that stopped on `error`.
    package init(_ error: ETLError) {
        switch error.code {
        case .pipeline: self = .badPipeline
        case .quota: self = .quota
        case .auth: self = .auth
        case .interrupted: self = .interrupted
        case .unreachable, .state, .io, .daysFailed: self = .daysFailed
        }
    }

    /// The exit of a run that ended by itself, with `failedDays` days failed.
    package init(failedDays: Int) {
        self = failedDays == 0 ? .landed : .daysFailed
    }

    /// Whether the pipelines after this one (in the same file, or the next `--watch` round)
    /// should not run: they would spend calls for nothing, or the user asked to stop.
    package var stopsLaterRuns: Bool {
        switch self {
        case .quota, .auth, .interrupted: true
        case .landed, .daysFailed, .badPipeline: false
        }
    }

    /// The worse of two exits, for a file of several pipelines: the highest code.
    package func worse(_ other: RunExit) -> RunExit {
        rawValue >= other.rawValue ? self : other
    }

    /// The run report's `status` for this exit.
    var reportStatus: String {
        switch self {
        case .landed: "ok"
        case .daysFailed: "partial"
        case .badPipeline: "failed"
        case .quota: "quota"
        case .auth: "auth"
        case .interrupted: "interrupted"
        }
    }
}
