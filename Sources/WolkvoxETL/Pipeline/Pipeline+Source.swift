package import Foundation
package import WolkvoxAPI

extension Pipeline {
    /// `source:` — which report to extract, from where, and within which API limits.
    package struct Source: Sendable {
        /// The report, already looked up in ``ReportCatalog``.
        package var report: ReportSpec
        /// `server: "0002"` as written, when the base URL came from it.
        package var server: String?
        /// `https://wv0002.wolkvox.com` or the pipeline's `base_url`, without a trailing slash.
        package var baseURL: String
        /// The `wolkvox-token`. Secret: never log it, never put it in a message.
        package var token: String
        /// Zone of the API's naive timestamps and of the pipeline's days.
        package var timeZone: TimeZone
        /// First day to land; nil for reports that take no range (`calls_last_10`).
        package var from: DateSpec?
        /// Last day to land (inclusive); nil for reports that take no range.
        package var to: DateSpec?
        /// Days before `from` landed again on every run (late typing codes, late chats).
        package var lookbackDays: Int
        /// 1 ... 31: the API refuses longer ranges.
        package var maxDaysPerRequest: Int
        /// 1 ... 60000: a response holding this many records may be truncated and is split.
        package var maxRecordsPerRequest: Int
        /// 1 ... 2: at most two simultaneous requests per token.
        package var concurrency: Int
        /// The most calls this run may make (the daily quota is licenses x 1000).
        package var maxCalls: Int
        /// Licenses of the account, when known: the daily quota is `licenses * 1000`.
        package var licenses: Int?
        /// Longest time one call may take.
        package var timeout: Duration
        package var retry: Retry
        /// `source.params`: the values asked for each of the report's parameters (`all` is a
        /// value the API understands); more than one value is one call per value.
        package var params: [String: [String]]

        package init(
            report: ReportSpec,
            baseURL: String,
            token: String,
            server: String? = nil,
            timeZone: TimeZone = Pipeline.defaultTimeZone,
            from: DateSpec? = nil,
            to: DateSpec? = nil,
            lookbackDays: Int = 0,
            maxDaysPerRequest: Int = 31,
            maxRecordsPerRequest: Int = 60_000,
            concurrency: Int = 2,
            maxCalls: Int = 1000,
            licenses: Int? = nil,
            timeout: Duration = .seconds(60),
            retry: Retry = .init(),
            params: [String: [String]] = [:]
        ) {
            self.report = report
            self.server = server
            self.baseURL = baseURL
            self.token = token
            self.timeZone = timeZone
            self.from = from
            self.to = to
            self.lookbackDays = lookbackDays
            self.maxDaysPerRequest = maxDaysPerRequest
            self.maxRecordsPerRequest = maxRecordsPerRequest
            self.concurrency = concurrency
            self.maxCalls = maxCalls
            self.licenses = licenses
            self.timeout = timeout
            self.retry = retry
            self.params = params
        }

        /// `https://wv{server}.wolkvox.com`.
        package static func baseURL(server: String) -> String { "https://wv\(server).wolkvox.com" }
    }

    /// `source.retry:` — exponential backoff with jitter for retryable failures.
    package struct Retry: Sendable, Hashable {
        /// Tries in all, the first included.
        package var attempts: Int
        package var baseDelay: Duration
        package var maxDelay: Duration

        package init(attempts: Int = 6, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60)) {
            self.attempts = attempts
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
        }
    }

    /// America/Bogota: the zone of the Wolkvox servers seen so far.
    package static var defaultTimeZone: TimeZone { TimeZone(identifier: "America/Bogota") ?? .gmt }
}

extension Pipeline.Source {
    /// The days to land before `lookback_days`, resolved against `today` (a day in the
    /// pipeline's zone); nil for reports that take no range.
    /// - Throws: ``PipelineError`` when `from` resolves after `to`.
    package func days(today: LocalDay) throws(PipelineError) -> ClosedRange<LocalDay>? {
        guard let from, let to else { return nil }
        let first = from.resolve(today: today)
        let last = to.resolve(today: today)
        guard first <= last else {
            throw PipelineError(problems: [
                .init(keyPath: "source.from", message: "'\(from)' (\(first)) is after 'to' '\(to)' (\(last))")
            ])
        }
        return first...last
    }
}

extension Pipeline.Source: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String {
        var text = "Source(report: \(report.name), baseURL: \(baseURL), token: <redacted>, timezone: \(timeZone.identifier)"
        if let from, let to { text += ", from: \(from), to: \(to)" }
        text += ", lookback_days: \(lookbackDays), concurrency: \(concurrency), max_calls: \(maxCalls))"
        return text
    }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "report": report.name, "server": server as Any, "baseURL": baseURL, "token": "<redacted>",
                "timeZone": timeZone.identifier, "from": from as Any, "to": to as Any,
                "lookbackDays": lookbackDays, "maxDaysPerRequest": maxDaysPerRequest,
                "maxRecordsPerRequest": maxRecordsPerRequest, "concurrency": concurrency,
                "maxCalls": maxCalls, "licenses": licenses as Any, "timeout": timeout, "retry": retry,
            ],
            displayStyle: .struct)
    }
}
