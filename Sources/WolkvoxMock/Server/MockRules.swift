import WolkvoxAPI

/// The API's answers as pure decisions (no I/O), so the mock's behaviour is testable without
/// sockets and faults can be layered on top later.
enum MockRules {
    /// What a request asks for, once it has passed auth and the concurrency gate.
    enum Answer: Equatable {
        /// An error answer with its status and JSON body.
        case error(status: Int, body: String)
        /// The records of a report in a window (`calls_last_10`: the snapshot window).
        case records(report: ReportSpec, window: Window)
    }

    static let reportsPath = "/api/v2/reports_manager.php"
    static let realTimePath = "/api/v2/real_time.php"

    static let missingToken = error(401, "Unauthorized", "PLEASE ENTER THE WOLKVOX-TOKEN")
    static let wrongToken = error(403, "Forbidden", "PLEASE VALIDATE TOKEN")
    static func busy(limit: Int) -> Answer {
        error(403, "Forbidden", "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (\(limit))")
    }
    static let unknownReport = error(400, "Bad Request", "THE API YOU WANT TO CONSULT DOES NOT EXIST")
    static let missingParameters = error(400, "Bad Request", "SOME PARAMETERS ARE REQUIRED")
    /// Malformed dates and `date_end` before `date_ini` get the same message the API uses for
    /// empty windows, but with 400: a client must not mistake them for "no records".
    static let invalidDates = error(400, "Bad Request", "Validate dates entered")
    static func tooManyDays(_ limit: Int) -> Answer {
        error(400, "Bad Request", "THE MAXIMUM RANGE PER QUERY IS \(limit) DAYS")
    }
    /// No records in the window: 404, which is zero rows, not a failure.
    static let noRecords = error(404, "Not Found", "Validate dates entered")

    /// Unknown paths get a web server's HTML page, as the real host would.
    static let notFoundPage = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"

    /// What PHP prints, with status 200 and `text/html`, when a script outlives
    /// `max_execution_time` (60 s on the API's host): the headers were already sent, the JSON
    /// never was.
    static func executionTimeLimitPage(script: String) -> String {
        "<br />\n<b>Fatal error</b>:  Maximum execution time of 60 seconds exceeded in <b>/var/www/html\(script)</b> on line <b>412</b><br />\n"
    }

    static func error(_ status: Int, _ reason: String, _ message: String) -> Answer {
        .error(status: status, body: "{\"code\": \"\(status)\", \"error\": \"\(reason)\", \"msg\": \"\(message)\"}")
    }

    /// nil when the token is accepted, else the refusal.
    static func authorize(token: String?, expected: String) -> Answer? {
        guard let token, !token.isEmpty else { return missingToken }
        return token == expected ? nil : wrongToken
    }

    /// The endpoint a path names, nil for a path the API does not have.
    static func endpoint(path: String) -> ReportSpec.Endpoint? {
        guard path.hasPrefix(apiPrefix) else { return nil }
        return ReportSpec.Endpoint(rawValue: String(path.dropFirst(apiPrefix.count)))
    }

    static let apiPrefix = "/api/v2/"

    /// Decides a request on a known endpoint. `query` looks up a query parameter; a report in
    /// `disabled` answers 404 like an empty window, as a report not enabled on a server does.
    /// Returns nil for a path the API does not have.
    static func answer(
        path: String, query: (String) -> String?, maxDaysPerQuery: Int, now: () -> LocalDateTime,
        disabled: Set<String> = []
    ) -> Answer? {
        guard let endpoint = endpoint(path: path) else { return nil }
        guard let api = query("api"), !api.isEmpty else { return missingParameters }
        guard let report = ReportCatalog.report(endpoint: endpoint, api: api) else { return unknownReport }
        for parameter in report.requiredParameters {
            guard let value = query(parameter.name), !value.allSatisfy({ $0 == " " }) else {
                return missingParameters
            }
        }
        guard report.takesRange else {
            if disabled.contains(report.name) { return noRecords }
            return .records(report: report, window: MockDataset.snapshotWindow(at: now()))
        }
        guard let ini = query("date_ini"), let end = query("date_end"), !ini.isEmpty, !end.isEmpty else {
            return missingParameters
        }
        guard let start = LocalDateTime(compact: ini), let stop = LocalDateTime(compact: end), start <= stop else {
            return invalidDates
        }
        let window = Window(start: start, end: stop)
        if stop.day.daysSinceEpoch - start.day.daysSinceEpoch + 1 > maxDaysPerQuery { return tooManyDays(maxDaysPerQuery) }
        if disabled.contains(report.name) { return noRecords }
        return .records(report: report, window: window)
    }

    /// The `msg` of a successful answer.
    static func foundMessage(_ count: Int) -> String { "\(count) records were found" }
}
