/// Why a request to the Wolkvox API did not bring records, and whether trying again may help.
///
/// Printed as `kind: message (HTTP 403, URL) cause`. The URL never contains the token.
///
/// The message says what the server (or the network) did, in the API's terms; a caller that
/// knows where the URL and token came from adds that context itself.
package struct WolkvoxAPIError: Error, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 401, or 403 `PLEASE VALIDATE TOKEN`: the token is wrong; every request will fail alike.
        case tokenRefused
        /// 403 `TOKEN LIMIT EXCEEDED`: the daily quota is spent until tomorrow.
        case quotaExceeded
        /// 403 `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN`: back off and retry.
        case tokenBusy
        /// Another 403, as during maintenance: retry later.
        case maintenance
        /// 400 (unknown report, missing parameters) or an unexpected 4xx: the request itself is wrong.
        case badRequest
        /// 5xx or an HTML page instead of JSON.
        case server
        /// The connection failed, was reset or closed early.
        case transport
        /// The server's host name does not resolve: every request to it fails alike.
        case hostNotFound
        /// The server refused the connection, again after a short pause (the client retries a
        /// refusal briefly itself: a server restarting refuses for a moment): it is down, or
        /// nothing listens on that port.
        case connectionRefused
        /// No complete answer within the request timeout.
        case timeout
        /// The API stopped the query at its execution time limit (PHP's "Maximum execution time",
        /// with 200 or 5xx): the window holds too many rows to answer in one call. Retrying the
        /// same window may fail the same way; a narrower one answers sooner.
        case serverTimeLimit
        /// A 200 whose JSON is malformed or truncated.
        case malformedResponse

        /// Whether the same request may succeed later.
        package var isRetryable: Bool {
            switch self {
            case .tokenRefused, .quotaExceeded, .badRequest, .hostNotFound, .connectionRefused: false
            case .tokenBusy, .maintenance, .server, .transport, .timeout, .serverTimeLimit, .malformedResponse: true
            }
        }
    }

    package var kind: Kind
    /// What happened and what to do, for a person.
    package var message: String
    /// The request URL, without the token.
    package var url: String
    /// The HTTP status, when an answer arrived.
    package var httpStatus: Int?
    /// How long the server asked to wait (`Retry-After`), if it said.
    package var retryAfter: Duration?
    /// The underlying error (transport, parser), if any.
    package var cause: (any Error)?

    package init(
        kind: Kind, message: String, url: String, httpStatus: Int? = nil, retryAfter: Duration? = nil,
        cause: (any Error)? = nil
    ) {
        self.kind = kind
        self.message = message
        self.url = url
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.cause = cause
    }

    package var isRetryable: Bool { kind.isRetryable }

    package var description: String {
        var text = "\(kind.rawValue): \(message) ("
        if let httpStatus { text += "HTTP \(httpStatus), " }
        text += url + ")"
        // The message already says what these causes say, more plainly than SwiftNIO's text.
        if let cause, kind != .hostNotFound, kind != .connectionRefused { text += " \(cause)" }
        return text
    }

    /// The URL's host (and port, when it has one): what a person checks when it cannot be reached.
    package var host: String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        return String(rest.prefix { $0 != "/" && $0 != "?" })
    }
}
