/// How an answer that is not a plain 200 with records reads.
package enum WolkvoxAnswer: Sendable {
    /// "No records for these dates" (404 `Validate dates entered`): zero rows, not a failure.
    case noRecords
    case failure(WolkvoxAPIError)
}

extension WolkvoxAPIError {
    /// Classifies an answer by its status (or the JSON `code` of a 200) and its text.
    ///
    /// Wolkvox's messages are matched case-insensitively as substrings, before the status,
    /// because the same status (403) means anything from a refused token to maintenance.
    /// - Parameters:
    ///   - status: the HTTP status, or the JSON `code` when the HTTP status was 200.
    ///   - text: the body (at most 64 KB) or the JSON `msg` and `error`.
    package static func classify(status: Int, text: String, url: String, retryAfter: Duration? = nil) -> WolkvoxAnswer {
        let t = text.lowercased()
        let said = Self.gist(of: text)
        func fail(_ kind: Kind, _ message: String) -> WolkvoxAnswer {
            .failure(WolkvoxAPIError(kind: kind, message: message + said, url: url, httpStatus: status, retryAfter: retryAfter))
        }
        if status == 404 || (status == 200 && t.contains("validate dates")) {
            if noRecordsPhrases.contains(where: t.contains) { return .noRecords }
        }
        if let stopped = executionTimeLimit(lowercased: t, text: text, url: url, httpStatus: status, retryAfter: retryAfter) {
            return .failure(stopped)
        }
        if t.contains("token limit exceeded") {
            return fail(.quotaExceeded, "the token's daily quota is spent until tomorrow")
        }
        if t.contains("simultaneous requests") {
            return fail(.tokenBusy, "too many simultaneous requests for this token (another job may be using it)")
        }
        if t.contains("enter the wolkvox-token") || t.contains("validate token") || status == 401 {
            return fail(.tokenRefused, "the token was refused: check the token and that it belongs to this server")
        }
        if t.contains("does not exist") {
            return fail(.badRequest, "the API says this report does not exist on this server")
        }
        if t.contains("parameters are required") {
            return fail(.badRequest, "the API says some parameters are required: check the report and its date range")
        }
        let html = t.contains("<html") || t.contains("<!doctype")
        switch status {
        case 200:
            return fail(.malformedResponse, "the answer's code was not 200 and it gave no known reason")
        case 404:
            return fail(.badRequest, "the API answered 404 Not Found: check the server's address")
        case 403:
            return fail(.maintenance, "access refused (403) for no known reason, as during maintenance")
        case 408:
            return fail(.timeout, "the server timed out (408)")
        case 429:
            return fail(.tokenBusy, "the server asks to slow down (429)")
        case 400..<500:
            return fail(.badRequest, "the API rejected the request (\(status)): check the report and its dates")
        default:
            return fail(.server, html ? "the server answered an HTML page instead of JSON" : "the server failed (\(status))")
        }
    }

    /// The error for a body where PHP reports its execution time limit (a fatal error page sent
    /// with 200 once the headers were out, or with 5xx), nil for any other body.
    package static func executionTimeLimit(
        in text: String, url: String, httpStatus: Int, retryAfter: Duration? = nil
    ) -> WolkvoxAPIError? {
        executionTimeLimit(lowercased: text.lowercased(), text: text, url: url, httpStatus: httpStatus, retryAfter: retryAfter)
    }

    private static func executionTimeLimit(
        lowercased t: String, text: String, url: String, httpStatus: Int, retryAfter: Duration?
    ) -> WolkvoxAPIError? {
        guard t.contains("maximum execution time") else { return nil }
        return WolkvoxAPIError(
            kind: .serverTimeLimit,
            message: "the API stopped the query at its execution time limit: the window holds too many rows to answer in one call"
                + gist(of: text),
            url: url, httpStatus: httpStatus, retryAfter: retryAfter)
    }

    private static let noRecordsPhrases = [
        "validate dates", "no records", "0 records", "no data", "not records", "sin registros", "no se encontraron",
    ]

    /// A short excerpt of what the server said, for the message.
    static func gist(of text: String) -> String {
        var out = ""
        var lastWasSpace = true
        for ch in text.prefix(2000) {
            if out.count >= 160 { break }
            if ch.isWhitespace || ch == "\"" {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(ch)
                lastWasSpace = false
            }
        }
        while out.last == " " { out.removeLast() }
        return out.isEmpty ? "" : " [server said: \(out)]"
    }

    /// `Retry-After` in seconds; HTTP dates are ignored (the backoff still applies).
    static func retryAfter(header: String?) -> Duration? {
        guard let header, let seconds = Int(header.trimmingSpaces), seconds >= 0 else { return nil }
        return .seconds(min(seconds, 86_400))
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
