@testable import WolkvoxAPI
import Testing

struct WolkvoxAPIErrorTests {
    static let url = "https://wv0002.wolkvox.com/api/v2/reports_manager.php?api=cdr_1"
    /// PHP's page when a script outlives `max_execution_time`, as the API's host prints it.
    static let fatalPage = "<br />\n<b>Fatal error</b>:  Maximum execution time of 60 seconds exceeded in "
        + "<b>/var/www/html/api/v2/reports_manager.php</b> on line <b>412</b><br />\n"

    @Test(arguments: [
        (401, "PLEASE ENTER THE WOLKVOX-TOKEN", WolkvoxAPIError.Kind.tokenRefused),
        (401, "", .tokenRefused),
        (403, #"{"code":"403","error":"Forbidden","msg":"PLEASE VALIDATE TOKEN"}"#, .tokenRefused),
        (403, "please validate token", .tokenRefused),
        (403, #"{"code":403,"msg":"TOKEN LIMIT EXCEEDED"}"#, .quotaExceeded),
        (403, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)", .tokenBusy),
        (403, "<html><body>Estamos en mantenimiento</body></html>", .maintenance),
        (403, "", .maintenance),
        (400, "THE API YOU WANT TO CONSULT DOES NOT EXIST", .badRequest),
        (400, "SOME PARAMETERS ARE REQUIRED", .badRequest),
        (400, "whatever", .badRequest),
        (404, "<html>Not Found</html>", .badRequest),
        (405, "", .badRequest),
        (408, "", .timeout),
        (429, "", .tokenBusy),
        (500, "Internal Server Error", .server),
        (502, "<html><body>Bad Gateway</body></html>", .server),
        (503, "", .server),
        (200, "something odd", .malformedResponse),
        (200, WolkvoxAPIErrorTests.fatalPage, .serverTimeLimit),
        (500, WolkvoxAPIErrorTests.fatalPage, .serverTimeLimit),
        (504, "<html><body>PHP Fatal error: MAXIMUM EXECUTION TIME of 30 seconds exceeded</body></html>", .serverTimeLimit),
        (200, #"{"code":"500","msg":"Maximum execution time of 60 seconds exceeded"}"#, .serverTimeLimit),
    ])
    func answersAreClassifiedByMessageThenStatus(status: Int, text: String, kind: WolkvoxAPIError.Kind) throws {
        guard case .failure(let error) = WolkvoxAPIError.classify(status: status, text: text, url: Self.url) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.kind == kind)
        #expect(error.httpStatus == status)
        #expect(error.url == Self.url)
        #expect(error.isRetryable == kind.isRetryable)
    }

    @Test(arguments: [
        (404, #"{"code": "404", "error": "Not Found", "msg": "Validate dates entered"}"#),
        (404, "VALIDATE DATES ENTERED"),
        (404, #"{"msg":"No records were found"}"#),
        (200, "Validate dates entered"),
    ])
    func noRecordsAnswersAreSuccesses(status: Int, text: String) {
        guard case .noRecords = WolkvoxAPIError.classify(status: status, text: text, url: Self.url) else {
            Issue.record("expected no records")
            return
        }
    }

    @Test func finalAndRetryableKindsFollowTheContract() {
        let final: Set<WolkvoxAPIError.Kind> = [
            .tokenRefused, .quotaExceeded, .badRequest, .hostNotFound, .connectionRefused,
        ]
        for kind in WolkvoxAPIError.Kind.allCases {
            #expect(kind.isRetryable == !final.contains(kind), "\(kind)")
        }
    }

    @Test func messagesSayWhatToDoAndQuoteTheServer() throws {
        guard case .failure(let quota) = WolkvoxAPIError.classify(status: 403, text: "TOKEN LIMIT EXCEEDED", url: Self.url),
            case .failure(let token) = WolkvoxAPIError.classify(status: 403, text: "PLEASE VALIDATE TOKEN", url: Self.url)
        else {
            Issue.record("expected failures")
            return
        }
        #expect(quota.message.contains("spent until tomorrow"))
        #expect(quota.message.contains("[server said: TOKEN LIMIT EXCEEDED]"))
        #expect(token.message.contains("check the token"))
        #expect(token.description.hasPrefix("tokenRefused: the token was refused"))
        #expect(token.description.contains("HTTP 403, \(Self.url)"))
    }

    @Test func theExecutionTimeLimitSaysTheWindowIsTooBigAndIsNotAPlainServerError() throws {
        guard case .failure(let error) = WolkvoxAPIError.classify(status: 200, text: Self.fatalPage, url: Self.url) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.kind == .serverTimeLimit)
        #expect(error.kind != .server)
        #expect(error.isRetryable)
        #expect(error.message.hasPrefix("the API stopped the query at its execution time limit: the window holds too many rows"))
        #expect(error.message.contains("[server said: <br /> <b>Fatal error</b>: Maximum execution time of 60 seconds"))
        #expect(WolkvoxAPIError.executionTimeLimit(in: "Fatal error: Allowed memory size exhausted", url: Self.url, httpStatus: 500) == nil)
        #expect(WolkvoxAPIError.executionTimeLimit(in: Self.fatalPage, url: Self.url, httpStatus: 200)?.httpStatus == 200)
    }

    @Test(arguments: [("120", 120), (" 5 ", 5), ("0", 0), ("-1", nil), ("Wed, 21 Oct 2015 07:28:00 GMT", nil), (nil, nil)] as [(String?, Int?)])
    func retryAfterHeaderIsReadAsSeconds(header: String?, seconds: Int?) {
        #expect(WolkvoxAPIError.retryAfter(header: header) == seconds.map { .seconds($0) })
    }

    @Test func retryAfterIsCarriedOnTheError() {
        guard case .failure(let error) = WolkvoxAPIError.classify(
            status: 403, text: "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN", url: Self.url, retryAfter: .seconds(3))
        else { return }
        #expect(error.retryAfter == .seconds(3))
    }

    /// What the API layer says is about the server and the request: the pipeline's keys, the
    /// command line and what the caller does next ("retrying") are the caller's to add.
    @Test(arguments: [
        (401, ""), (403, "TOKEN LIMIT EXCEEDED"), (403, "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN"),
        (400, "the report does not exist"), (400, "parameters are required"), (404, "<html>Not Found</html>"),
        (403, "Forbidden"), (408, ""), (429, ""), (418, ""), (500, "<html>oops</html>"), (502, ""),
        (200, "something odd"), (200, WolkvoxAPIErrorTests.fatalPage),
    ])
    func messagesHoldNoPipelineKeysCommandsOrRetryPromises(status: Int, text: String) throws {
        guard case .failure(let error) = WolkvoxAPIError.classify(status: status, text: text, url: Self.url) else {
            Issue.record("expected a failure")
            return
        }
        for word in ["source.", "load.", "wolkvox-etl", "pipeline", "retrying", "run again", "WOLKVOX_"] {
            #expect(!error.message.contains(word), "\(error.message)")
        }
    }

    @Test(arguments: [
        ("https://wv0002.wolkvox.com/api/v2/reports_manager.php?api=cdr_1", "wv0002.wolkvox.com"),
        ("http://127.0.0.1:8080/api/v2/x.php", "127.0.0.1:8080"),
        ("https://example.invalid", "example.invalid"),
        ("https://example.invalid?api=x", "example.invalid"),
    ])
    func theHostIsTheURLsAuthority(url: String, host: String) {
        #expect(WolkvoxAPIError(kind: .transport, message: "", url: url).host == host)
    }

    @Test func anUnreachableServersMessageLeavesOutSwiftNIOsText() {
        struct Raw: Error, CustomStringConvertible { var description: String { "connection reset (error set)" } }
        let refused = WolkvoxAPIError(kind: .connectionRefused, message: "refused", url: Self.url, cause: Raw())
        let reset = WolkvoxAPIError(kind: .transport, message: "reset", url: Self.url, cause: Raw())
        #expect(refused.description == "connectionRefused: refused (\(Self.url))")
        #expect(reset.description.hasSuffix("connection reset (error set)"))
    }
}
